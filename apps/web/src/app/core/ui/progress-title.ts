import { Injectable, effect, inject, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { progressTitle } from '../../stores/queue-live';
import { QueueStore } from '../../stores/queue.store';

/**
 * The tab title: the page's route title, prefixed with the running downloads and their progress
 * while there are any (`(2) 45 % · Queue · Aniworld`), so a background tab shows how it goes.
 */
@Injectable({ providedIn: 'root' })
export class ProgressTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly queue = inject(QueueStore);
  private readonly page = signal('Aniworld');

  constructor() {
    super();
    effect(() => this.title.setTitle(progressTitle(this.page(), this.queue.totals())));
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.page.set(this.buildTitle(snapshot) ?? 'Aniworld');
  }
}
