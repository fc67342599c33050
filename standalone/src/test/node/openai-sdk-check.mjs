// Drives a running Lyss with the official OpenAI Node SDK, as applications do. Run by OpenAiSdkCompatibilityIT with
// LYSS_BASE_URL (ending in /v1), LYSS_KEY, LYSS_MODEL; exits non-zero on the first failed check.
import assert from 'node:assert/strict';
import OpenAI from 'openai';

const baseURL = process.env.LYSS_BASE_URL;
const model = process.env.LYSS_MODEL;
const client = new OpenAI({ baseURL, apiKey: process.env.LYSS_KEY, maxRetries: 0 });
const messages = [{ role: 'user', content: `What is the answer? (${Date.now()})` }];
const tools = [{
  type: 'function',
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
}];

async function check(name, body) {
  await body();
  console.log(`ok - ${name}`);
}

await check('models lists exactly what the key may call', async () => {
  const ids = [];
  for await (const m of client.models.list()) ids.push(m.id);
  assert.deepEqual(ids, [model]);
});

await check('a blocking chat', async () => {
  const completion = await client.chat.completions.create({ model, messages });
  assert.equal(completion.choices[0].message.content, 'The answer is forty-two.');
  assert.equal(completion.usage.prompt_tokens, 17);
});

await check('a streamed chat with usage', async () => {
  const stream = await client.chat.completions.create({
    model, messages, stream: true, stream_options: { include_usage: true },
  });
  let text = '';
  let usage = null;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? '';
    if (chunk.usage) usage = chunk.usage;
  }
  assert.equal(text, 'The answer is forty-two.');
  assert.equal(usage.total_tokens, 23);
});

await check('a tool call, blocking', async () => {
  const completion = await client.chat.completions.create({ model, messages, tools, tool_choice: 'auto' });
  const call = completion.choices[0].message.tool_calls[0];
  assert.equal(completion.choices[0].finish_reason, 'tool_calls');
  assert.equal(call.function.name, 'get_weather');
  assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris' });
});

await check('a tool call, streamed, through the SDK stream helper', async () => {
  const runner = client.chat.completions.stream({ model, messages, tools });
  const final = await runner.finalChatCompletion();
  const call = final.choices[0].message.tool_calls[0];
  assert.equal(call.id, 'call_mock_1');
  assert.equal(call.function.name, 'get_weather');
  assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris' });
  assert.equal(final.choices[0].finish_reason, 'tool_calls');
});

await check('the tool result goes back in a follow-up turn', async () => {
  const completion = await client.chat.completions.create({
    model,
    messages: [
      ...messages,
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_mock_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', tool_call_id: 'call_mock_1', content: 'sunny' },
    ],
  });
  assert.equal(completion.choices[0].message.content, 'The answer is forty-two.');
});

await check('embeddings', async () => {
  const result = await client.embeddings.create({ model, input: ['abc', 'hello'], encoding_format: 'float' });
  assert.equal(result.data.length, 2);
  assert.equal(result.data[1].embedding[0], 5);
});

await check('a base URL with a trailing slash', async () => {
  const slashed = new OpenAI({ baseURL: baseURL + '/', apiKey: process.env.LYSS_KEY, maxRetries: 0 });
  const completion = await slashed.chat.completions.create({ model, messages });
  assert.equal(completion.choices[0].message.content, 'The answer is forty-two.');
});

await check('errors arrive as the SDK\'s typed errors', async () => {
  await assert.rejects(client.chat.completions.create({ model: 'no-such-model', messages }), (e) => {
    assert.ok(e instanceof OpenAI.NotFoundError);
    assert.equal(e.code, 'model_not_found');
    return true;
  });
  await assert.rejects(client.chat.completions.create({ model, messages: [] }), (e) => {
    assert.ok(e instanceof OpenAI.BadRequestError);
    assert.equal(e.param, 'messages');
    return true;
  });
  const anonymous = new OpenAI({ baseURL, apiKey: 'lyss-sk-wrong', maxRetries: 0 });
  await assert.rejects(anonymous.models.list(), OpenAI.AuthenticationError);
});
