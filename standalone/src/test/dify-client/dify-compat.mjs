// Drives the official dify-client package against a running Lyss. Usage:
//   LYSS_BASE_URL=http://127.0.0.1:8080/v1 LYSS_KEY=lyss-sk-... node dify-compat.mjs
// Prints one JSON line with what it observed; exits non-zero when the server does not behave as Dify does.
import assert from "node:assert/strict";
import { ChatClient } from "dify-client";

const client = new ChatClient(process.env.LYSS_KEY, process.env.LYSS_BASE_URL);
const user = "dify-client-user";

function readStream(stream) {
  return new Promise((resolve, reject) => {
    let buffer = "";
    const events = [];
    stream.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        for (const line of block.split("\n")) {
          if (line.startsWith("data: ")) events.push(JSON.parse(line.slice(6)));
        }
      }
    });
    stream.on("end", () => resolve(events));
    stream.on("error", reject);
  });
}

async function status(promise) {
  try {
    const response = await promise;
    return { status: response.status, body: response.data };
  } catch (error) {
    if (!error.response) throw error;
    return { status: error.response.status, body: error.response.data };
  }
}

async function main() {
  const parameters = await client.getApplicationParameters(user);
  assert.equal(parameters.status, 200);
  assert.ok(Array.isArray(parameters.data.user_input_form));

  const blocking = await client.createChatMessage({}, "What is the answer?", user, false);
  assert.equal(blocking.status, 200);
  const conversationId = blocking.data.conversation_id;
  assert.ok(conversationId);

  const streamed = await client.createChatMessage({}, "And once more?", user, true, conversationId);
  assert.equal(streamed.status, 200);
  const events = await readStream(streamed.data);
  const names = events.map((event) => event.event);
  const streamedAnswer = events.filter((event) => event.event === "message").map((event) => event.answer).join("");
  const end = events.find((event) => event.event === "message_end");
  assert.ok(end, "message_end expected");
  for (const event of events) assert.equal(event.conversation_id, conversationId);

  const messages = await client.getConversationMessages(user, conversationId);
  assert.equal(messages.status, 200);
  const conversations = await client.getConversations(user);
  assert.equal(conversations.status, 200);

  const feedback = await client.messageFeedback(end.message_id, "like", user);
  assert.equal(feedback.data.result, "success");
  const renamed = await client.renameConversation(conversationId, "Renamed by dify-client", user);
  const deleted = await client.deleteConversation(conversationId, user);
  const afterDelete = await status(client.getConversationMessages(user, conversationId));
  const emptyQuery = await status(client.createChatMessage({}, "", user, false));

  console.log(JSON.stringify({
    blockingAnswer: blocking.data.answer,
    blockingTotalTokens: blocking.data.metadata.usage.total_tokens,
    streamedEvents: names,
    streamedAnswer,
    streamedUsage: end.metadata.usage,
    messageQueries: messages.data.data.map((message) => message.query),
    conversationIds: conversations.data.data.map((conversation) => conversation.id),
    conversationId,
    renamedTo: renamed.data.name,
    deleteResult: deleted.data.result,
    afterDelete,
    emptyQuery,
  }));
}

// Never print an axios error whole: its request config carries the key.
main().catch((error) => {
  console.error(error.response ? `HTTP ${error.response.status} ${JSON.stringify(error.response.data)}` : String(error.stack || error));
  process.exit(1);
});
