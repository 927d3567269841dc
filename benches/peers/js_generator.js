// Times the official JS generator per token, on the inputs the Rust
// benchmark uses: no session token, and a 1 KB one. Prints median µs.
"use strict";

const { getToken } = require("@aws/bedrock-token-generator");

const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const ALPHABET = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+=";
const KILOBYTE = Array.from({ length: 1024 }, (_, i) => ALPHABET[i % 53]).join("");
const ROUNDS = 15;
const PER_ROUND = 2000;

async function medianMicros(credentials) {
  const samples = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < PER_ROUND; i++) {
      await getToken({ credentials, region: "us-west-2", expiresInSeconds: 3600 });
    }
    samples.push(Number(process.hrtime.bigint() - start) / PER_ROUND / 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

(async () => {
  for (const [label, sessionToken] of [["none", undefined], ["1 KB", KILOBYTE]]) {
    const credentials = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: SECRET };
    if (sessionToken) credentials.sessionToken = sessionToken;
    const us = await medianMicros(credentials);
    console.log(`| JS @aws/bedrock-token-generator | ${label} | ${us.toFixed(1)} µs |`);
  }
})();
