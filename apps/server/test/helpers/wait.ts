// The one polling helper of every test project lives in @aniworld/testing.
export { waitFor, waitUntil } from '@aniworld/testing';
