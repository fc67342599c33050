// Drives Lyss's memory API with the official mem0ai client (MemoryClient with a custom host).
// Usage: MEM0_TELEMETRY=false node check.mjs <host> <lyss virtual key>; prints one JSON line of what it saw.
import { MemoryClient } from "mem0ai";

const [host, apiKey] = process.argv.slice(2);
const client = new MemoryClient({ apiKey, host });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const added = await client.add(
  [
    { role: "user", content: "I live in Reykjavik. I like chess." },
    { role: "assistant", content: "Noted!" },
  ],
  { userId: "node-user", metadata: { via: "mem0ai" } },
);
let found = { results: [] };
// both facts are indexed one after the other: wait for both, or the one found first would rank first
for (let i = 0; i < 120 && found.results.length < 2; i++) {
  found = await client.search("Where do I live?", { filters: { user_id: "node-user" }, topK: 3 });
  if (found.results.length < 2) await sleep(500);
}
const id = found.results[0].id;
const one = await client.get(id);
await client.update(id, { text: "Lives in Akureyri" });
let updated = one;
for (let i = 0; i < 120 && updated.memory !== "Lives in Akureyri"; i++) {
  await sleep(500);
  updated = await client.get(id);
}
const history = await client.history(id);
const all = await client.getAll({ filters: { user_id: "node-user" } });
const deleted = await client.delete(id);
console.log(JSON.stringify({ added, found, one, updated, history, all, deleted }));
