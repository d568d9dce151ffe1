import { useEffect, useState } from 'react';
import { ApiFailure, api, type User } from './api';
import { KeyList } from './components/KeyList';
import { Link, Loading } from './components/ui';
import { CallPage } from './pages/Call';
import { CallsPage } from './pages/Calls';
import { DealPage, DealsPage } from './pages/Deals';
import { LivePage } from './pages/Live';
import { LoginPage } from './pages/Login';
import { ModelPage } from './pages/Model';
import { PeoplePage } from './pages/People';
import { PracticePage } from './pages/Practice';
import { QuestionsPage } from './pages/Questions';
import { SelfCheckPage } from './pages/SelfCheck';
import { TeamPage } from './pages/Team';
import { UploadPage } from './pages/Upload';
import { match, navigate, useLocation } from './router';
import { SessionContext } from './session';

const NAV = [
  { to: '/calls', label: 'Calls' },
  { to: '/upload', label: 'Upload' },
  { to: '/live', label: 'Live' },
  { to: '/team', label: 'Team' },
  { to: '/practice', label: 'Practice' },
  { to: '/deals', label: 'Deals' },
  { to: '/selfcheck', label: 'Self-check' },
  { to: '/questions', label: 'Question bank' },
  { to: '/people', label: 'People' },
  { to: '/model', label: 'Model', admin: true },
];

function Page({ path }: { path: string }) {
  const call = match('/calls/:id', path);
  if (call) return <CallPage id={Number(call.id)} />;
  if (path.startsWith('/upload')) return <UploadPage />;
  if (path.startsWith('/live')) return <LivePage />;
  if (path.startsWith('/team')) return <TeamPage />;
  const deal = match('/deals/:id', path);
  if (deal) return <DealPage id={Number(deal.id)} />;
  if (path.startsWith('/deals')) return <DealsPage />;
  if (path.startsWith('/selfcheck')) return <SelfCheckPage />;
  if (path.startsWith('/practice')) return <PracticePage path={path} />;
  if (path.startsWith('/questions')) return <QuestionsPage />;
  if (path.startsWith('/people')) return <PeoplePage />;
  if (path.startsWith('/model')) return <ModelPage />;
  return <CallsPage />;
}

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [offline, setOffline] = useState<string>();
  const loc = useLocation();

  useEffect(() => {
    // Answers 200 with a null user when nobody is signed in: a first visit logs no failed request.
    api.get<{ user: User | null }>('/auth/session').then(
      (r) => setUser(r.user),
      (e: unknown) => {
        if (e instanceof ApiFailure && e.status === 401) setUser(null);
        else setOffline(e instanceof Error ? e.message : String(e));
      },
    );
  }, []);

  if (offline) return <div className="center-page error-box">{offline}</div>;
  if (user === undefined) return <Loading />;
  if (user === null) {
    return (
      <LoginPage
        onSignedIn={(u) => {
          setUser(u);
          if (loc.path === '/' || loc.path === '/login') navigate('/calls', true);
        }}
      />
    );
  }

  const signOut = () => {
    api.post('/auth/logout').finally(() => {
      setUser(null);
      navigate('/', true);
    });
  };

  return (
    <SessionContext.Provider value={{ user, signOut }}>
      {/* The first Tab stop of every page; the main area takes the focus (tabIndex -1). */}
      <a href="#content" className="skip-link">
        Skip to content
      </a>
      <div className="shell">
        <aside className="sidebar">
          <div className="brand">
            <span className="logo" aria-hidden="true">
              ◆
            </span>
            Walkpoint
          </div>
          <nav>
            {NAV.filter((n) => !n.admin || user.role === 'admin').map((n) => (
              <Link
                key={n.to}
                to={n.to}
                className={
                  loc.path.startsWith(n.to) || (n.to === '/calls' && loc.path === '/')
                    ? 'active'
                    : ''
                }
              >
                {n.label}
              </Link>
            ))}
          </nav>
          <div className="who">
            <div className="who-name">{user.name}</div>
            <div className="muted">
              {user.email} · {user.role}
            </div>
            <button type="button" className="btn btn-ghost" onClick={signOut}>
              Sign out
            </button>
          </div>
        </aside>
        <main className="content" id="content" tabIndex={-1}>
          <Page path={loc.path} />
        </main>
        {/* A call's page lists its own keys on `?`. */}
        {!match('/calls/:id', loc.path) && <KeyList />}
      </div>
    </SessionContext.Provider>
  );
}
