package io.lyss.query.export;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * CSV as RFC 4180 describes it: a header line, CRLF line ends, fields quoted when they hold a comma, quote or line
 * break, quotes doubled. Text that a spreadsheet would run as a formula is prefixed with a quote.
 */
public final class Csv {

    /** {@code text/csv; charset=UTF-8; header=present}. */
    public static final MediaType MEDIA_TYPE = MediaType.parseMediaType("text/csv;charset=UTF-8;header=present");

    private final StringBuilder text = new StringBuilder();

    public Csv(List<String> header) {
        row(header);
    }

    public Csv row(List<?> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(field(fields.get(i)));
        }
        text.append("\r\n");
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** The CSV as a download named {@code fileName}. */
    public ResponseEntity<String> download(String fileName) {
        return ResponseEntity.ok()
                .contentType(MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .body(toString());
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
