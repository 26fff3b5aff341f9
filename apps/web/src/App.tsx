import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { QueryClientProvider } from '@tanstack/react-query';
import { makeQueryClient } from './api/queryClient.ts';
import { PreferencesProvider } from './shell/preferences.tsx';
import { SessionProvider } from './shell/session.tsx';
import { RequireAuth } from './shell/RequireAuth.tsx';
import { AppLayout, PageSpinner } from './shell/AppLayout.tsx';
import { PublicFrame } from './shell/PublicFrame.tsx';

// Every page is its own chunk: the first load carries only the shell, and a grid worker on a phone
// downloads the audit log's code only if they ever open it.
const loginPage = () => import('./features/auth/LoginPage.tsx');
const LoginPage = lazy(loginPage);
const SignUpPage = lazy(() => import('./features/auth/SignUpPage.tsx'));
const ForgotPasswordPage = lazy(() => import('./features/auth/ForgotPasswordPage.tsx'));
const AccountPage = lazy(() => import('./features/auth/AccountPage.tsx'));
const LinkRequestsPage = lazy(() => import('./features/users/LinkRequestsPage.tsx'));
const home = () => import('./shell/Home.tsx');
const Home = lazy(home);
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
const reportPage = () => import('./features/requests/ReportPage.tsx');
const ReportPage = lazy(reportPage);
const myRequestsPage = () => import('./features/requests/MyRequestsPage.tsx');
const MyRequestsPage = lazy(myRequestsPage);
const MyDataPage = lazy(() => import('./features/privacy/MyDataPage.tsx'));
const MyRequestPage = lazy(() => import('./features/requests/MyRequestPage.tsx'));
const QueuePage = lazy(() => import('./features/requests/QueuePage.tsx'));
const RequestPage = lazy(() => import('./features/requests/RequestPage.tsx'));
const NewRequestPage = lazy(() => import('./features/requests/NewRequestPage.tsx'));
const DashboardPage = lazy(() => import('./features/requests/DashboardPage.tsx'));
const CategoriesPage = lazy(() => import('./features/requests/CategoriesPage.tsx'));
const CouncilsPage = lazy(() => import('./features/councils/CouncilsPage.tsx'));
const MyCouncilsPage = lazy(() => import('./features/councils/MyCouncilsPage.tsx'));
const CouncilPage = lazy(() => import('./features/councils/CouncilPage.tsx'));
const MeetingPage = lazy(() => import('./features/councils/MeetingPage.tsx'));
const NoticeBoardPage = lazy(() => import('./features/councils/NoticeBoardPage.tsx'));
const NoticePage = lazy(() => import('./features/councils/NoticePage.tsx'));
const AssembliesPage = lazy(() => import('./features/assembly/AssembliesPage.tsx'));
const CreateAssemblyPage = lazy(() => import('./features/assembly/CreateAssemblyPage.tsx'));
const AssemblyPage = lazy(() => import('./features/assembly/AssemblyPage.tsx'));
const PublicResultsPage = lazy(() => import('./features/assembly/PublicResultsPage.tsx'));
const InstructionsPage = lazy(() => import('./features/instructions/InstructionsPage.tsx'));
const NewInstructionPage = lazy(() => import('./features/instructions/NewInstructionPage.tsx'));
const InstructionPage = lazy(() => import('./features/instructions/InstructionPage.tsx'));
const InboxPage = lazy(() => import('./features/instructions/InboxPage.tsx'));
const TaskPage = lazy(() => import('./features/instructions/TaskPage.tsx'));
const ConfirmPage = lazy(() => import('./features/instructions/ConfirmPage.tsx'));
const FundsListPage = lazy(() => import('./features/funds/FundsListPage.tsx'));
const FundPage = lazy(() => import('./features/funds/FundPage.tsx'));
const FundEntryPage = lazy(() => import('./features/funds/EntryPage.tsx'));
const VisitListPage = lazy(() => import('./features/visits/VisitListPage.tsx'));
const VisitFormPage = lazy(() => import('./features/visits/VisitFormPage.tsx'));
const VisitReviewPage = lazy(() => import('./features/visits/ReviewPage.tsx'));
const VisitCoveragePage = lazy(() => import('./features/visits/CoveragePage.tsx'));
const MessagesPage = lazy(() => import('./features/inbox/InboxPage.tsx'));
const NoticesPage = lazy(() => import('./features/notices/NoticesPage.tsx'));
const PublicNoticePage = lazy(() => import('./features/notices/PublicNoticePage.tsx'));
const PanelsPage = lazy(() => import('./features/panels/PanelsPage.tsx'));
const PanelPage = lazy(() => import('./features/panels/PanelPage.tsx'));
const ProjectsPage = lazy(() => import('./features/projects/ProjectsPage.tsx'));
const ProposePage = lazy(() => import('./features/projects/ProposePage.tsx'));
const ProjectPage = lazy(() => import('./features/projects/ProjectPage.tsx'));
const RoundPage = lazy(() => import('./features/projects/RoundPage.tsx'));
const TenderCallsPage = lazy(() => import('./features/projects/TenderCallsPage.tsx'));
const TenderBidPage = lazy(() => import('./features/projects/TenderCallsPage.tsx').then((m) => ({ default: m.TenderBidPage })));
const PublicProjectsPage = lazy(() => import('./features/projects/PublicProjectsPage.tsx'));
const PublicProjectPage = lazy(() => import('./features/projects/PublicProjectPage.tsx'));
const MyBankPage = lazy(() => import('./features/bank/MyBankPage.tsx'));
const BankOfficePage = lazy(() => import('./features/bank/BankOfficePage.tsx'));
const BankRankingsPage = lazy(() => import('./features/bank/RankingsPage.tsx'));
const ActivitiesNearPage = lazy(() => import('./features/activities/ActivitiesNearPage.tsx'));
const MyActivitiesPage = lazy(() => import('./features/activities/MyActivitiesPage.tsx'));
const ActivityPage = lazy(() => import('./features/activities/ActivityPage.tsx'));
const ActivitiesOrganiserPage = lazy(() => import('./features/activities/OrganiserPage.tsx'));
const PublicCalendarPage = lazy(() => import('./features/activities/PublicCalendarPage.tsx'));
const MyVolunteerPage = lazy(() => import('./features/volunteers/MyVolunteerPage.tsx'));
const VolunteersPage = lazy(() => import('./features/volunteers/VolunteersPage.tsx'));
const PartyMemberPage = lazy(() => import('./features/party/PartyMemberPage.tsx'));
const PartyStaffPage = lazy(() => import('./features/party/PartyStaffPage.tsx'));
const PartyPublicRankingsPage = lazy(() => import('./features/party/PublicRankingsPage.tsx'));

// A resident's phone opening one of their pages directly fetches that page's code while the shell
// starts and the session is checked, instead of after: on a slow link that is a second sooner.
const FIRST_PAGES: Record<string, () => Promise<unknown>> = { '/': home, '/login': loginPage, '/report': reportPage, '/my-requests': myRequestsPage };
void FIRST_PAGES[window.location.pathname]?.();

// One cache for the app's lifetime (made once, outside render).
const queryClient = makeQueryClient();

/** The console: providers and routes. */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
    <PreferencesProvider>
      <BrowserRouter>
        <SessionProvider>
          <Suspense fallback={<PageSpinner />}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/signup" element={<SignUpPage />} />
              <Route path="/forgot-password" element={<ForgotPasswordPage />} />
              {/* The notice board (公示) is public: readable without signing in. */}
              <Route path="/notice-board" element={<NoticeBoardPage />} />
              <Route path="/notice-board/:id" element={<NoticePage />} />
              <Route path="/notices" element={<NoticesPage />} />
              <Route path="/notices/:id" element={<PublicNoticePage />} />
              <Route path="/confirm/:token" element={<ConfirmPage />} />
              {/* The funds' disclosure and assembly results: public too, in the same frame. */}
              <Route element={<PublicFrame home="/public/funds" />}>
                <Route path="/public/assemblies/:id" element={<PublicResultsPage />} />
                <Route path="/public/funds" element={<FundsListPage />} />
                <Route path="/public/funds/:code" element={<FundPage />} />
                <Route path="/public/funds/:code/entries/:id" element={<FundEntryPage />} />
                <Route path="/public/projects" element={<PublicProjectsPage />} />
                <Route path="/public/projects/:id" element={<PublicProjectPage />} />
                <Route path="/public/bank/rankings" element={<BankRankingsPage />} />
                <Route path="/public/activities/:regionId" element={<PublicCalendarPage />} />
                <Route path="/public/party-rankings" element={<PartyPublicRankingsPage />} />
              </Route>
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
                <Route path="account" element={<AccountPage />} />
                <Route path="account-links" element={<LinkRequestsPage />} />
                <Route path="audit" element={<AuditPage />} />
                <Route path="report" element={<ReportPage />} />
                <Route path="volunteer" element={<MyVolunteerPage />} />
                <Route path="volunteers" element={<VolunteersPage />} />
                <Route path="my-requests" element={<MyRequestsPage />} />
                <Route path="my-bank" element={<MyBankPage />} />
                <Route path="bank" element={<BankOfficePage />} />
                <Route path="my-data" element={<MyDataPage />} />
                <Route path="my-requests/:id" element={<MyRequestPage />} />
                <Route path="requests" element={<QueuePage />} />
                <Route path="requests/new" element={<NewRequestPage />} />
                <Route path="requests/:id" element={<RequestPage />} />
                <Route path="dashboard" element={<DashboardPage />} />
                <Route path="categories" element={<CategoriesPage />} />
                <Route path="councils" element={<CouncilsPage />} />
                <Route path="my-councils" element={<MyCouncilsPage />} />
                <Route path="councils/:id" element={<CouncilPage />} />
                <Route path="councils/meetings/:id" element={<MeetingPage />} />
                <Route path="instructions" element={<InstructionsPage />} />
                <Route path="instructions/new" element={<NewInstructionPage />} />
                <Route path="instructions/:id" element={<InstructionPage />} />
                <Route path="tasks" element={<InboxPage />} />
                <Route path="tasks/:id" element={<TaskPage />} />
                <Route path="visits" element={<VisitListPage />} />
                <Route path="visits/h/:householdId" element={<VisitFormPage />} />
                <Route path="visits/review" element={<VisitReviewPage />} />
                <Route path="visits/coverage" element={<VisitCoveragePage />} />
                <Route path="assemblies" element={<AssembliesPage />} />
                <Route path="assemblies/new" element={<CreateAssemblyPage />} />
                <Route path="assemblies/:id" element={<AssemblyPage />} />
                <Route path="funds" element={<FundsListPage />} />
                <Route path="funds/:code" element={<FundPage />} />
                <Route path="inbox" element={<MessagesPage />} />
                <Route path="panels" element={<PanelsPage />} />
                <Route path="panels/:id" element={<PanelPage />} />
                <Route path="projects" element={<ProjectsPage />} />
                <Route path="projects/new" element={<ProposePage />} />
                <Route path="projects/rounds/:id" element={<RoundPage />} />
                <Route path="projects/calls" element={<TenderCallsPage />} />
                <Route path="projects/calls/:id" element={<TenderBidPage />} />
                <Route path="projects/:id" element={<ProjectPage />} />
                <Route path="activities" element={<ActivitiesNearPage />} />
                <Route path="activities/manage" element={<ActivitiesOrganiserPage />} />
                <Route path="activities/:id" element={<ActivityPage />} />
                <Route path="my-activities" element={<MyActivitiesPage />} />
                <Route path="party" element={<PartyMemberPage />} />
                <Route path="party/manage" element={<PartyStaffPage />} />
                <Route path="*" element={<NotFound />} />
              </Route>
            </Routes>
          </Suspense>
        </SessionProvider>
      </BrowserRouter>
    </PreferencesProvider>
    </QueryClientProvider>
  );
}
