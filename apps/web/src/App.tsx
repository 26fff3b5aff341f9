import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { PreferencesProvider } from './shell/preferences.tsx';
import { SessionProvider } from './shell/session.tsx';
import { RequireAuth } from './shell/RequireAuth.tsx';
import { AppLayout, PageSpinner } from './shell/AppLayout.tsx';

// Every page is its own chunk: the first load carries only the shell, and a grid worker on a phone
// downloads the audit log's code only if they ever open it.
const LoginPage = lazy(() => import('./features/auth/LoginPage.tsx'));
const Home = lazy(() => import('./shell/Home.tsx'));
const NotFound = lazy(() => import('./shell/NotFound.tsx'));
const OrgPage = lazy(() => import('./features/org/OrgPage.tsx'));
const OrgIndex = lazy(() => import('./features/org/OrgIndex.tsx'));
const RegionPage = lazy(() => import('./features/org/RegionPage.tsx'));
const BuildingPage = lazy(() => import('./features/org/BuildingPage.tsx'));
const HouseholdPage = lazy(() => import('./features/org/HouseholdPage.tsx'));
const ResidentPage = lazy(() => import('./features/org/ResidentPage.tsx'));
const ResidentsPage = lazy(() => import('./features/residents/ResidentsPage.tsx'));
const ImportPage = lazy(() => import('./features/import/ImportPage.tsx'));
const UsersPage = lazy(() => import('./features/users/UsersPage.tsx'));
const AuditPage = lazy(() => import('./features/audit/AuditPage.tsx'));
const ReportPage = lazy(() => import('./features/requests/ReportPage.tsx'));
const MyRequestsPage = lazy(() => import('./features/requests/MyRequestsPage.tsx'));
const MyRequestPage = lazy(() => import('./features/requests/MyRequestPage.tsx'));
const QueuePage = lazy(() => import('./features/requests/QueuePage.tsx'));
const RequestPage = lazy(() => import('./features/requests/RequestPage.tsx'));
const NewRequestPage = lazy(() => import('./features/requests/NewRequestPage.tsx'));
const DashboardPage = lazy(() => import('./features/requests/DashboardPage.tsx'));
const CategoriesPage = lazy(() => import('./features/requests/CategoriesPage.tsx'));

/** The console: providers and routes. */
export function App() {
  return (
    <PreferencesProvider>
      <BrowserRouter>
        <SessionProvider>
          <Suspense fallback={<PageSpinner />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route
                element={
                  <RequireAuth>
                    <AppLayout />
                  </RequireAuth>
                }
              >
                <Route index element={<Home />} />
                <Route path="org" element={<OrgPage />}>
                  <Route index element={<OrgIndex />} />
                  <Route path="regions/:id" element={<RegionPage />} />
                  <Route path="buildings/:id" element={<BuildingPage />} />
                  <Route path="households/:id" element={<HouseholdPage />} />
                  <Route path="residents/:id" element={<ResidentPage />} />
                </Route>
                <Route path="residents" element={<ResidentsPage />} />
                <Route path="import" element={<ImportPage />} />
                <Route path="users" element={<UsersPage />} />
                <Route path="audit" element={<AuditPage />} />
                <Route path="report" element={<ReportPage />} />
                <Route path="my-requests" element={<MyRequestsPage />} />
                <Route path="my-requests/:id" element={<MyRequestPage />} />
                <Route path="requests" element={<QueuePage />} />
                <Route path="requests/new" element={<NewRequestPage />} />
                <Route path="requests/:id" element={<RequestPage />} />
                <Route path="dashboard" element={<DashboardPage />} />
                <Route path="categories" element={<CategoriesPage />} />
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </Suspense>
        </SessionProvider>
      </BrowserRouter>
    </PreferencesProvider>
  );
}
