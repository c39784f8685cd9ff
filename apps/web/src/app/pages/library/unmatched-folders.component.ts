import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import type { MatchCandidate, UnmatchedFolder } from '@aniworld/contracts';
import { ErrorMessageComponent } from '../../common/error-message.component';
import { LibraryStore } from '../../stores/library.store';

/** Folders the scan could not match, each with its candidates and a button to match it. */
@Component({
  selector: 'aw-unmatched-folders',
  imports: [
    FormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    ErrorMessageComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <aw-error [error]="store.unmatchedError()" prefix="Unmatched folders: " />
    @if (store.unmatched(); as folders) {
      @if (folders.length) {
        <section aria-labelledby="unmatched-title">
          <h2 id="unmatched-title">Unmatched folders ({{ folders.length }})</h2>
          <p class="muted">These folders are not linked to a series yet. Pick the right one.</p>
          <ul>
            @for (folder of folders; track folder.folder) {
              <li>
                <div class="what">
                  <span class="folder">{{ folder.folder }}</span>
                  <span class="muted">{{ folder.episode_files }} episode files</span>
                </div>
                @if (folder.candidates.length) {
                  <mat-form-field appearance="outline" subscriptSizing="dynamic">
                    <mat-label>Series</mat-label>
                    <mat-select [ngModel]="choice(folder)" (ngModelChange)="choose(folder, $event)">
                      @for (c of folder.candidates; track c.site + c.key) {
                        <mat-option [value]="c">
                          {{ c.name }} ({{ c.site }}, {{ (c.confidence * 100).toFixed(0) }} %)
                        </mat-option>
                      }
                    </mat-select>
                  </mat-form-field>
                  <button
                    mat-stroked-button
                    type="button"
                    [disabled]="!choice(folder)"
                    (click)="match(folder)"
                  >
                    Match
                  </button>
                } @else {
                  <span class="muted"
                    >No candidates found; add the series via search, then rescan.</span
                  >
                }
                @if (store.matchError()?.folder === folder.folder) {
                  <aw-error [error]="store.matchError()!.error" />
                }
              </li>
            }
          </ul>
        </section>
      }
    }
  `,
  styleUrls: ['./review-list.scss'],
  styles: `
    .folder {
      font-family: monospace;
      word-break: break-all;
    }
  `,
})
export class UnmatchedFoldersComponent {
  readonly store = inject(LibraryStore);
  private readonly choices = signal<Record<string, MatchCandidate>>({});

  choice(folder: UnmatchedFolder): MatchCandidate | null {
    return this.choices()[folder.folder] ?? folder.candidates[0] ?? null;
  }

  choose(folder: UnmatchedFolder, candidate: MatchCandidate): void {
    this.choices.update((all) => ({ ...all, [folder.folder]: candidate }));
  }

  async match(folder: UnmatchedFolder): Promise<void> {
    const candidate = this.choice(folder);
    if (candidate) {
      await this.store.match({ folder: folder.folder, key: candidate.key, site: candidate.site });
    }
  }
}
