import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { SocketService } from '../core/socket/socket.service';
import { notification } from '../testing/factories';
import { FakeSocketService } from '../testing/fake-socket';
import { ToastService } from './toast.service';

describe('ToastService', () => {
  let socket: FakeSocketService;
  let open: jest.Mock;

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

  it('toasts a finished download once, with its language and a fallback said plainly', () => {
    const done = { ...base, file_path: '/a.mp4', hoster: 'VOE', bytes: 10 };
    socket.emit('download_complete', { ...done, language: 'german-dub', fallback_from: null });
    expect(open).toHaveBeenCalledTimes(1);
    expect(open.mock.calls[0][0]).toBe('Downloaded Frieren S01E02 in German Dub');
    socket.emit('download_complete', {
      ...done,
      language: 'english-sub',
      fallback_from: 'german-dub',
    });
    expect(open.mock.calls[1][0]).toBe(
      'Downloaded Frieren S01E02 in English Sub (fallback: German Dub not available)',
    );
  });

  it('toasts a failure with its reason, assertively', () => {
    socket.emit('download_failed', {
      ...base,
      error: 'every hoster failed',
      will_retry: false,
      providers_tried: [],
    });
    expect(open.mock.calls[0][0]).toBe('Frieren S01E02 failed: every hoster failed');
    expect(open.mock.calls[0][2]).toMatchObject({ politeness: 'assertive' });
  });

  it('toasts other notifications but not the stored copy of a download event', () => {
    socket.emit('notification', notification({ kind: 'download_failed' }));
    expect(open).not.toHaveBeenCalled();
    socket.emit(
      'notification',
      notification({
        kind: 'scan_complete',
        level: 'info',
        title: 'Scan done',
        message: '3 missing',
      }),
    );
    expect(open.mock.calls[0][0]).toBe('Scan done: 3 missing');
  });
});
