import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { JobRunAccepted, SchedulerResponse, SchedulerUpdate } from '@aniworld/contracts';
import type { Observable } from 'rxjs';

/** `/api/scheduler`: schedule settings, jobs with last/next runs, "run now". */
@Injectable({ providedIn: 'root' })
export class SchedulerApiService {
  private readonly http = inject(HttpClient);

  get(): Observable<SchedulerResponse> {
    return this.http.get<SchedulerResponse>('/api/scheduler');
  }

  update(update: SchedulerUpdate): Observable<SchedulerResponse> {
    return this.http.put<SchedulerResponse>('/api/scheduler', update);
  }

  run(job: string): Observable<JobRunAccepted> {
    return this.http.post<JobRunAccepted>(`/api/scheduler/jobs/${encodeURIComponent(job)}/run`, {});
  }
}
