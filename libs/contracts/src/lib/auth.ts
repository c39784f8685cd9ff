export interface AuthStatusResponse {
  /** False until the first-run setup has set a master password. */
  configured: boolean;
  authenticated: boolean;
  /** ISO time the caller's session ends, when authenticated. */
  expires_at?: string;
  /**
   * Only before the setup: the anime directory `ANIME_DIRECTORY` sets, which the setup then
   * shows instead of asking for one.
   */
  anime_directory_from_env?: string;
}

export interface SetupRequest {
  password: string;
  anime_directory?: string;
  /**
   * Create `anime_directory` when it does not exist. Without it a missing directory is refused
   * (400 naming it, with similar existing folders as `details.suggestions`), so a typo never
   * silently becomes a new empty library.
   */
  create_directory?: boolean;
}

export interface LoginRequest {
  password: string;
}

export interface LoginResponse {
  access_token: string;
  token_type: 'bearer';
  expires_at: string;
}

export interface ChangePasswordRequest {
  old_password: string;
  new_password: string;
}

export type PasswordRuleId = 'min_length' | 'uppercase' | 'lowercase' | 'digit' | 'special';

export interface PasswordRule {
  id: PasswordRuleId;
  description: string;
  test(password: string): boolean;
}

/** The master-password policy; the server enforces it, the web app shows it live. */
export const PASSWORD_RULES: readonly PasswordRule[] = [
  { id: 'min_length', description: 'at least 8 characters', test: (p) => [...p].length >= 8 },
  { id: 'uppercase', description: 'an upper-case letter', test: (p) => /\p{Lu}/u.test(p) },
  { id: 'lowercase', description: 'a lower-case letter', test: (p) => /\p{Ll}/u.test(p) },
  { id: 'digit', description: 'a digit', test: (p) => /\p{Nd}/u.test(p) },
  { id: 'special', description: 'a special character', test: (p) => /[^\p{L}\p{Nd}\s]/u.test(p) },
];

/** The rules a password breaks; empty when it is acceptable. */
export function failedPasswordRules(password: string): PasswordRule[] {
  return PASSWORD_RULES.filter((rule) => !rule.test(password));
}
