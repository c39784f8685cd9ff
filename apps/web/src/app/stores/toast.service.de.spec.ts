import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { SocketService } from '../core/socket/socket.service';
import { FakeSocketService } from '../testing/fake-socket';
import { speakGerman } from '../testing/german';
import { ToastService } from './toast.service';

describe('ToastService in German', () => {
  let socket: FakeSocketService;
  let open: jest.Mock;

  beforeAll(() => speakGerman());

  beforeEach(() => {
    socket = new FakeSocketService();
    open = jest.fn();
    TestBed.configureTestingModule({
      providers: [
        { provide: SocketService, useValue: socket },
        { provide: MatSnackBar, useValue: { open } },
      ],
    });
    TestBed.inject(ToastService).start();
  });

  const base = {
    key: 'frieren',
    folder: 'Frieren (2023)',
    series_name: 'Frieren',
    season: 1,
    episode: 2,
    download_id: 'q1',
  };

  it('says a download finished, in which language, and a fallback', () => {
    const done = { ...base, file_path: '/a.mp4', hoster: 'VOE', bytes: 10 };
    socket.emit('download_complete', { ...done, language: 'german-dub', fallback_from: null });
    socket.emit('download_complete', {
      ...done,
      language: 'english-sub',
      fallback_from: 'german-dub',
    });
    expect(open.mock.calls.map((call) => call[0])).toEqual([
      'Frieren S01E02 in Deutsch (Dub) heruntergeladen',
      'Frieren S01E02 in Englisch (Sub) heruntergeladen (Deutsch (Dub) nicht verfügbar)',
    ]);
    expect(open.mock.calls[0][1]).toBe('Schließen');
  });

  it('says a download failed, and that it will be retried', () => {
    socket.emit('download_failed', {
      ...base,
      error: 'x',
      will_retry: true,
      providers_tried: [
        { hoster: 'VOE', language: 'german-dub', error_code: 'LINK_EXPIRED', error: 'x', at: '' },
      ],
    });
    expect(open.mock.calls[0][0]).toBe(
      'Frieren S01E02 fehlgeschlagen (neuer Versuch folgt): Kein Hoster hat die Folge geliefert: VOE in Deutsch (Dub): der Link ist abgelaufen.',
    );
  });
});
