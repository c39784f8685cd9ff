// The one polling helper of every test project lives in @aniworld/testing.
export { waitFor, waitUntil, type WaitOptions } from '@aniworld/testing';
