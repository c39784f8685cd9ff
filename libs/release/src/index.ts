export * from './lib/identity';
export * from './lib/title';
export * from './lib/torrent';
export { bencode, type BencodeDict, type BencodeValue } from './lib/bencode';
