// Every call from the UI to the app goes through here: one typed function per
// command, and one error type, so components never see `invoke` or raw errors.

import { Channel, invoke } from "@tauri-apps/api/core";
import { openUrl } from "@tauri-apps/plugin-opener";
import type {
  TeamConnected,
  TeamMember,
  TeamView,
  AccountStatsDraft,
  Assignment,
  AudienceDraft,
  AudienceFileSummary,
  Backup,
  Brand,
  BrandDraft,
  CalendarEntry,
  CalendarExport,
  CalendarFilter,
  Campaign,
  CampaignDraft,
  CheckDraft,
  CheckItem,
  CommandError,
  ContentFormat,
  Country,
  CsvPreview,
  Dashboard,
  Direction,
  DisclosureCheck,
  Dossier,
  DuplicatePair,
  DroppedOnDashboard,
  ErrorKind,
  ExportOutcome,
  Field,
  FieldError,
  HeldMetricsFile,
  HeldOrdersFile,
  Identity,
  ImportPreview,
  ImportSummary,
  Influencer,
  InfluencerDraft,
  Merged,
  Message,
  MetricsImport,
  Money,
  OrdersImported,
  PartnershipView,
  PastPartnershipDraft,
  PaymentFilter,
  PaymentsExport,
  PaymentsView,
  Platform,
  PostRights,
  PostValues,
  Preferences,
  PreferencesDraft,
  PreferencesView,
  Progress,
  ReadingDraft,
  RemovedCampaign,
  RightsFilter,
  RosterFilter,
  RosterPage,
  SampleContents,
  SavedView,
  Scorecard,
  ShortlistItem,
  SortBy,
  Status,
  TagCount,
  Step,
  StoredRow,
  Template,
  TemplateKind,
  Templates,
  Terms,
  TierBoundaries,
  WorkspaceStatus,
  WorkspaceSummary,
} from "../bindings";

/** A failed command, with a message written for people. */
export class ApiError extends Error {
  readonly kind: ErrorKind;
  readonly fields: FieldError[];

  constructor(error: CommandError) {
    super(error.message);
    this.name = "ApiError";
    this.kind = error.kind;
    this.fields = error.fields;
  }

  /** The message for one form field, if the command pointed at it. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((f) => f.field === field)?.message;
  }
}

function isCommandError(value: unknown): value is CommandError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as CommandError).kind === "string" &&
    typeof (value as CommandError).message === "string"
  );
}

/** Whatever a command threw, as an ApiError a person can read. */
export function toApiError(raw: unknown): ApiError {
  if (raw instanceof ApiError) return raw;
  if (isCommandError(raw)) return new ApiError({ ...raw, fields: raw.fields ?? [] });
  // Tauri itself rejects with a plain string when a call never reached our
  // code (a missing permission, malformed arguments): still say something useful.
  const detail = typeof raw === "string" ? raw : raw instanceof Error ? raw.message : "";
  return new ApiError({
    kind: "storage",
    message: detail ? `Partnerly could not do that: ${detail}` : "Partnerly could not do that.",
    fields: [],
  });
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    throw toApiError(raw);
  }
}

export const api = {
  workspaceStatus: () => call<WorkspaceStatus>("workspace_status"),
  retryOpenWorkspace: () => call<WorkspaceStatus>("retry_open_workspace"),
  loadSample: () => call<number>("load_sample"),
  /** The first-run welcome's answer; returns how many sample creators were added. */
  answerWelcome: (withSample: boolean) => call<number>("answer_welcome", { withSample }),
  getPreferences: () => call<PreferencesView>("get_preferences"),
  /** The name logged as "by", whether the person chose it, and the system's. */
  getIdentity: () => call<Identity>("get_identity"),
  setYourName: (name: string) => call<Identity>("set_your_name", { name }),
  setPreferences: (draft: PreferencesDraft) => call<Preferences>("set_preferences", { draft }),
  sampleContents: () => call<SampleContents | null>("sample_contents"),
  removeSample: () => call<SampleContents>("remove_sample"),
  listBackups: () => call<Backup[]>("list_backups"),
  backupNow: () => call<Backup>("backup_now"),
  /** Checks a backup and holds it; `confirmWorkspaceImport` restores it. */
  chooseBackupRestore: (name: string) => call<ImportPreview>("choose_backup_restore", { name }),
  /** The window listens for file events: files opened with the app before now are sent. */
  windowListensForFiles: () => call<null>("window_listens_for_files"),
  /** Opens the native save dialog; `null` if the person cancels it. */
  exportWorkspace: () => call<ExportOutcome | null>("export_workspace"),
  /** Opens the native file dialog and checks the file; `null` if cancelled. */
  chooseWorkspaceImport: () => call<ImportPreview | null>("choose_workspace_import"),
  confirmWorkspaceImport: (token: number) => call<WorkspaceSummary>("confirm_workspace_import", { token }),
  discardWorkspaceImport: () => call<null>("discard_workspace_import"),

  addInfluencer: (draft: InfluencerDraft) => call<Influencer>("add_influencer", { draft }),
  updateInfluencer: (id: string, draft: InfluencerDraft) => call<Influencer>("update_influencer", { id, draft }),
  deleteInfluencer: (id: string) => call<null>("delete_influencer", { id }),
  listCountries: () => call<Country[]>("list_countries"),
  rosterTags: () => call<TagCount[]>("roster_tags"),
  creatorTags: (id: string) => call<string[]>("creator_tags", { id }),
  setCreatorTags: (id: string, tags: string[]) => call<string[]>("set_creator_tags", { id, tags }),
  /** Adds `tag` to, or with `remove` takes it off, every creator `filter` keeps; how many changed. */
  tagFiltered: (filter: RosterFilter, tag: string, remove: boolean) =>
    call<number>("tag_filtered", { filter, tag, remove }),
  rosterViews: () => call<SavedView[]>("roster_views"),
  saveRosterView: (name: string, filter: RosterFilter, sort: SortBy, descending: boolean) =>
    call<SavedView[]>("save_roster_view", { name, filter, sort, descending }),
  removeRosterView: (name: string) => call<SavedView[]>("remove_roster_view", { name }),
  possibleDuplicates: () => call<DuplicatePair[]>("possible_duplicates"),
  /** `other` becomes part of `keep`. */
  mergeCreators: (keep: string, other: string) => call<Merged>("merge_creators", { keep, other }),
  /** Two creators are different people; the pairs left to review. */
  notDuplicates: (first: string, second: string) => call<DuplicatePair[]>("not_duplicates", { first, second }),
  queryInfluencers: (filter: RosterFilter, sort: SortBy, descending: boolean, offset: number, limit: number) =>
    call<RosterPage>("query_influencers", { filter, sort, descending, offset, limit }),
  /** Opens the native save dialog; `null` if the person cancels it. */
  exportRosterCsv: (filter: RosterFilter, sort: SortBy, descending: boolean) =>
    call<ExportOutcome | null>("export_roster_csv", { filter, sort, descending }),

  /** Opens the native file dialog and previews the file; `null` if cancelled. */
  chooseCsvImport: () => call<CsvPreview | null>("choose_csv_import"),
  runCsvImport: (
    token: number,
    mapping: (Field | null)[],
    platform: Platform | null,
    onProgress: (p: Progress) => void,
  ) => {
    const channel = new Channel<Progress>();
    channel.onmessage = onProgress;
    return call<ImportSummary>("run_csv_import", { token, mapping, platform, onProgress: channel });
  },
  cancelCsvImport: (token: number) => call<null>("cancel_csv_import", { token }),
  discardCsvImport: (token: number) => call<null>("discard_csv_import", { token }),
  previewCsvRows: (token: number, mapping: (Field | null)[], platform: Platform | null) =>
    call<StoredRow[]>("preview_csv_rows", { token, mapping, platform }),

  listBrands: () => call<Brand[]>("list_brands"),
  addBrand: (draft: BrandDraft) => call<Brand>("add_brand", { draft }),
  updateBrand: (id: string, draft: BrandDraft) => call<Brand>("update_brand", { id, draft }),
  deleteBrand: (id: string) => call<null>("delete_brand", { id }),
  brandShortlist: (brandId: string) => call<ShortlistItem[]>("brand_shortlist", { brandId }),
  shortlistAdd: (brandId: string, influencerId: string) => call<Brand>("shortlist_add", { brandId, influencerId }),
  shortlistRemove: (brandId: string, influencerId: string) =>
    call<Brand>("shortlist_remove", { brandId, influencerId }),
  shortlistChoose: (brandId: string, influencerId: string, chosen: boolean) =>
    call<Brand>("shortlist_choose", { brandId, influencerId, chosen }),
  vetInfluencer: (brandId: string, influencerId: string) =>
    call<Scorecard>("vet_influencer", { brandId, influencerId }),
  getDossier: (influencerId: string) => call<Dossier>("get_dossier", { influencerId }),
  setAccountStats: (influencerId: string, draft: AccountStatsDraft) =>
    call<Dossier>("set_account_stats", { influencerId, draft }),
  setAudience: (influencerId: string, draft: AudienceDraft) => call<Dossier>("set_audience", { influencerId, draft }),
  setPastPartnerships: (influencerId: string, drafts: PastPartnershipDraft[]) =>
    call<Dossier>("set_past_partnerships", { influencerId, drafts }),
  setCheck: (influencerId: string, item: CheckItem, draft: CheckDraft) =>
    call<Dossier>("set_check", { influencerId, item, draft }),
  /** Opens the native file dialog and reads the file; `null` if cancelled. */
  importAudienceFile: (influencerId: string, platform: Platform | null) =>
    call<AudienceFileSummary | null>("import_audience_file", { influencerId, platform }),
  /** Opens the native save dialog and writes the PDF; the path, or `null` if cancelled. */
  exportScorecardPdf: (brandId: string, influencerId: string) =>
    call<string | null>("export_scorecard_pdf", { brandId, influencerId }),
  getTierBoundaries: () => call<TierBoundaries>("get_tier_boundaries"),
  setTierBoundaries: (boundaries: TierBoundaries) => call<TierBoundaries>("set_tier_boundaries", { boundaries }),

  listCampaigns: () => call<Campaign[]>("list_campaigns"),
  addCampaign: (draft: CampaignDraft) => call<Campaign>("add_campaign", { draft }),
  updateCampaign: (id: string, draft: CampaignDraft) => call<Campaign>("update_campaign", { id, draft }),
  /** Takes the campaign's partnerships and their post figures with it. */
  deleteCampaign: (id: string) => call<RemovedCampaign>("delete_campaign", { id }),
  listCurrencies: () => call<string[]>("list_currencies"),
  /** An amount as typed ("3.200,50") in a currency, read by the app's rules. */
  readAmount: (text: string, currency: string) => call<Money>("read_amount", { text, currency }),
  listPartnerships: () => call<PartnershipView[]>("list_partnerships"),
  getPartnership: (id: string) => call<PartnershipView>("get_partnership", { id }),
  startPartnership: (campaignId: string | null, influencerId: string | null) =>
    call<PartnershipView>("start_partnership", { campaignId, influencerId }),
  choosePartnershipParties: (id: string, campaignId: string | null, influencerId: string | null, step: Step) =>
    call<PartnershipView>("choose_partnership_parties", { id, campaignId, influencerId, step }),
  savePartnershipTerms: (id: string, terms: Terms, step: Step) =>
    call<PartnershipView>("save_partnership_terms", { id, terms, step }),
  movePartnership: (id: string, status: Status) => call<PartnershipView>("move_partnership", { id, status }),
  deletePartnership: (id: string) => call<null>("delete_partnership", { id }),
  /** Opens the native save dialog and writes the PDF; the path, or `null` if cancelled. */
  exportAgreementPdf: (id: string) => call<string | null>("export_agreement_pdf", { id }),
  checkCaption: (
    caption: string,
    platform: Platform | null,
    format: ContentFormat | null,
    markets: string[],
    brand: string | null,
  ) => call<DisclosureCheck>("check_caption", { caption, platform, format, markets, brand }),

  logMessage: (id: string, direction: Direction, text: string) =>
    call<PartnershipView>("log_message", { id, direction, text, on: null }),
  /** `language` `null`: the creator's. */
  composeMessage: (id: string, kind: TemplateKind, language: string | null) =>
    call<Message>("compose_message", { id, kind, language }),
  logMessageSent: (id: string, kind: TemplateKind, subject: string, body: string) =>
    call<PartnershipView>("log_message_sent", { id, kind, subject, body }),
  messageTemplates: () => call<Templates>("message_templates"),
  saveMessageTemplate: (template: Template) => call<Templates>("save_message_template", { template }),
  resetMessageTemplate: (kind: TemplateKind, language: string) =>
    call<Templates>("reset_message_template", { kind, language }),
  /** Opens a `mailto:` link in the person's mail app (the only kind of link the window may open). */
  openInMailApp: async (link: string) => {
    try {
      await openUrl(link);
    } catch (raw) {
      throw toApiError(raw);
    }
  },
  logBriefSent: (id: string) => call<PartnershipView>("log_brief_sent", { id, on: null }),
  logDraft: (id: string, deliverable: number, caption: string, media: string[]) =>
    call<PartnershipView>("log_draft", { id, deliverable, caption, media, on: null }),
  giveFeedback: (id: string, deliverable: number, text: string, suggestedCaption: string, changesRequested: boolean) =>
    call<PartnershipView>("give_feedback", { id, deliverable, text, suggestedCaption, changesRequested, on: null }),
  approveDraft: (id: string, deliverable: number, overrideReason: string | null) =>
    call<PartnershipView>("approve_draft", { id, deliverable, overrideReason, on: null }),
  /** `deliverable` counts from 0; the answer is the list again, with `filter`. */
  recordAdCode: (
    id: string,
    deliverable: number,
    kind: string,
    code: string,
    expires: string | null,
    filter: RightsFilter,
  ) => call<PostRights[]>("record_ad_code", { id, deliverable, kind, code, expires, filter }),
  markPostInUse: (id: string, deliverable: number, inUse: boolean, filter: RightsFilter) =>
    call<PostRights[]>("mark_post_in_use", { id, deliverable, inUse, filter }),
  calendarAgenda: (filter: CalendarFilter) => call<CalendarEntry[]>("calendar_agenda", { filter }),
  /** Opens the native save dialog; `null` if cancelled. `name` is the calendar's name in the calendar app. */
  exportCalendarIcs: (filter: CalendarFilter, name: string) =>
    call<CalendarExport | null>("export_calendar_ics", { filter, name }),
  listPayments: (filter: PaymentFilter) => call<PaymentsView>("list_payments", { filter }),
  /** `instalment` counts from 0; the answer is the list again, with `filter`. */
  recordInvoice: (id: string, instalment: number, number: string, on: string | null, filter: PaymentFilter) =>
    call<PaymentsView>("record_invoice", { id, instalment, number, on, filter }),
  /** `amount` as typed, read in the agreement's currency by the app. */
  recordPayment: (
    id: string,
    instalment: number,
    amount: string,
    reference: string,
    on: string | null,
    filter: PaymentFilter,
  ) => call<PaymentsView>("record_payment", { id, instalment, amount, reference, on, filter }),
  /** A payment recorded in error, named by when it was logged; `reason` is kept. */
  withdrawPayment: (id: string, instalment: number, paidLoggedAt: string, reason: string, filter: PaymentFilter) =>
    call<PaymentsView>("withdraw_payment", { id, instalment, paidLoggedAt, reason, filter }),
  /** Opens the native save dialog; `null` if cancelled. */
  exportPaymentsCsv: (filter: PaymentFilter) => call<PaymentsExport | null>("export_payments_csv", { filter }),

  logPublication: (id: string, deliverable: number, url: string) =>
    call<PartnershipView>("log_publication", { id, deliverable, url, on: null }),
  confirmCheck: (id: string, deliverable: number, rule: string, market: string | null) =>
    call<PartnershipView>("confirm_check", { id, deliverable, rule, market, on: null }),

  campaignDashboard: (campaignId: string, scope: string | null) =>
    call<Dashboard>("campaign_dashboard", { campaignId, scope }),
  metricReadings: (campaignId: string, on: string) => call<PostValues[]>("metric_readings", { campaignId, on }),
  saveMetricReadings: (campaignId: string, on: string, rows: ReadingDraft[]) =>
    call<number>("save_metric_readings", { campaignId, on, rows }),
  setEmvCpm: (campaignId: string, cpm: string) => call<Money | null>("set_emv_cpm", { campaignId, cpm }),
  setSummaryNotes: (campaignId: string, notes: string) => call<string>("set_summary_notes", { campaignId, notes }),
  /** Opens the native file dialog; `null` if the person cancels it. */
  chooseMetricsFile: (campaignId: string, asOf: string) =>
    call<HeldMetricsFile | null>("choose_metrics_file", { campaignId, asOf }),
  /** A file dropped on a dashboard: a shop's orders, or else a post export of the campaign. */
  readDroppedOnDashboard: (token: number, campaignId: string, asOf: string) =>
    call<DroppedOnDashboard>("read_dropped_on_dashboard", { token, campaignId, asOf }),
  /** Opens the native file dialog; `null` if cancelled. `currency`: for exports without a currency column. */
  chooseOrdersFile: (currency: string) => call<HeldOrdersFile | null>("choose_orders_file", { currency }),
  importOrdersFile: (token: number) => call<OrdersImported>("import_orders_file", { token }),
  discardOrdersFile: (token: number) => call<null>("discard_orders_file", { token }),
  rereadMetricsFile: (token: number, asOf: string) => call<HeldMetricsFile>("reread_metrics_file", { token, asOf }),
  importMetricsFile: (token: number, assignments: Assignment[]) =>
    call<MetricsImport>("import_metrics_file", { token, assignments }),
  discardMetricsFile: (token: number) => call<null>("discard_metrics_file", { token }),
  /** Opens the native save dialog and writes the PDF; the path, or `null` if cancelled. */
  exportCampaignPdf: (campaignId: string) => call<string | null>("export_campaign_pdf", { campaignId }),

  teamStatus: () => call<TeamView>("team_status"),
  /** Connects this data folder to the team's server and syncs once. */
  teamConnect: (connection: string, password: string) =>
    call<TeamConnected>("team_connect", { connection, password }),
  teamMembers: () => call<TeamMember[]>("team_members"),
  /** Asks the background sync for a round now; its outcome arrives as a "team-status" event. */
  teamSyncNow: () => call<null>("team_sync_now"),
  teamLeave: () => call<TeamView>("team_leave"),
  teamDismissConflict: (id: string) => call<TeamView>("team_dismiss_conflict", { id }),
};
