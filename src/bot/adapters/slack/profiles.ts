import type { WebClient } from '@slack/web-api';

/** Name and language of Slack users (users.info, once per process per user); nothing if Slack refuses. */
export class Profiles {
  private readonly known = new Map<string, Promise<{ userName?: string; locale?: string }>>();

  constructor(private readonly client: WebClient) {}

  of(user: string): Promise<{ userName?: string; locale?: string }> {
    let p = this.known.get(user);
    if (!p) {
      p = this.client.users
        .info({ user, include_locale: true })
        .then((r) => ({ userName: r.user?.real_name || r.user?.name || undefined, locale: r.user?.locale }))
        .catch(() => ({}));
      this.known.set(user, p);
    }
    return p;
  }
}
