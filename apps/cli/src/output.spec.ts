import { Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { Output } from './output';

function stream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      (sink as unknown as { text: string }).text += chunk.toString();
      done();
    },
  }) as unknown as NodeJS.WriteStream & { text: string };
  sink.text = '';
  sink.isTTY = isTTY;
  return sink;
}

describe('Output', () => {
  it('prints JSON with --json and text otherwise, messages on stderr', () => {
    const out = stream(false);
    const err = stream(false);
    new Output(true, out, err, {}).result({ a: 1 }, () => 'text');
    new Output(false, out, err, {}).result({ a: 1 }, () => 'text');
    new Output(false, out, err, {}).note('a message');
    expect(out.text).toBe('{\n  "a": 1\n}\ntext\n');
    expect(err.text).toBe('a message\n');
  });

  it('colours only on a terminal, and not with NO_COLOR', () => {
    expect(new Output(false, stream(false), stream(false), {}).style('x', 'red')).toBe('x');
    expect(new Output(false, stream(true), stream(true), { NO_COLOR: '1' }).style('x', 'red')).toBe(
      'x',
    );
    expect(new Output(false, stream(true), stream(true), {}).style('x', 'red')).toContain(
      '\u001b[',
    );
  });

  it('pads coloured cells by what is visible', () => {
    const out = new Output(false, stream(true), stream(true), {});
    const lines = out
      .table(
        ['A', 'B'],
        [
          [out.style('red', 'red'), 'x'],
          ['long', 'y'],
        ],
      )
      .split('\n')
      .map((line) => stripVTControlCharacters(line));
    expect(lines).toEqual(['A     B', 'red   x', 'long  y']);
  });

  it('pads columns to the widest cell', () => {
    const out = new Output(false, stream(false), stream(false), {});
    expect(
      out.table(
        ['A', 'B'],
        [
          ['long', 'x'],
          ['s', 'y'],
        ],
      ),
    ).toBe('A     B\nlong  x\ns     y');
  });
});
