/** The signed-in user, shared by every page. */
import { createContext, useContext } from 'react';
import type { User } from './api';

export interface Session {
  user: User;
  signOut(): void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in page');
  return s;
}

export const canCoach = (u: User) => u.role === 'manager' || u.role === 'admin';
