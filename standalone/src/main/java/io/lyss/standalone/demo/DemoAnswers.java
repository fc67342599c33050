package io.lyss.standalone.demo;

import java.util.ArrayList;
import java.util.List;

/** What the demo provider says, and how it splits its answer into stream chunks. */
final class DemoAnswers {

    static final String MODEL = "lyss-demo";
    private static final int ECHO_LIMIT = 200;

    private DemoAnswers() {}

    static String answer(String question) {
        String echo = question.length() > ECHO_LIMIT ? question.substring(0, ECHO_LIMIT) + "…" : question;
        return "Hello from Lyss's demo provider, a local simulator, not a real model. You said: \"" + echo
                + "\". Set OPENAI_API_KEY, ANTHROPIC_API_KEY or OLLAMA_BASE_URL before './lyss up' to reach a real model.";
    }

    /** Word-sized pieces that concatenate back to the answer exactly. */
    static List<String> pieces(String answer) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= answer.length(); i++) {
            if (i == answer.length() || answer.charAt(i) == ' ') {
                pieces.add(answer.substring(start, i));
                start = i;
            }
        }
        return pieces;
    }

    /** The simulator's token count: words, a stand-in for a tokenizer that a simulator does not need. */
    static long countWords(String text) {
        String trimmed = text.trim();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}
