//! The TypeScript types in `ui/src/bindings` are generated from the Rust types
//! that cross the IPC boundary. This test fails when they drift apart; run
//! `UPDATE_BINDINGS=1 cargo test --lib bindings` to regenerate them.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::commands::calendar::CalendarExport;
use crate::commands::metrics::{HeldMetricsFile, PostValues};
use crate::commands::payments::PaymentsExport;
use crate::commands::roster::RosterPage;
use crate::commands::team::TeamView;
use crate::commands::vetting::ShortlistItem;
use partnerly_core::agreement::completeness::{Step, Undefined};
use partnerly_core::agreement::terms::{
    Brief, Compensation, ContentFormat, Deliverable, Exclusivity, Instalment, Ownership, Parties, Terms, UsageRights,
};
use partnerly_core::agreement::view::{DueItem, PartnershipView};
use partnerly_core::agreement::{Partnership, RemovedCampaign, Status};
use partnerly_core::calendar::{CalendarEntry, CalendarFilter, EntryKind};
use partnerly_core::campaign::{
    Campaign, CampaignDraft, KpiMetric, KpiTarget, KpiTargetDraft, Money, Objective, TargetValue,
};
use partnerly_core::chart::Chart;
use partnerly_core::collaboration::{DeliverableProgress, Direction, Entry, Event, Stage};
use partnerly_core::country::Country;
use partnerly_core::disclosure::markets::{MarketRule, RuleSource};
use partnerly_core::disclosure::{DisclosureCheck, Finding};
use partnerly_core::housekeeping::duplicates::DuplicatePair;
use partnerly_core::housekeeping::tags::TagCount;
use partnerly_core::housekeeping::views::SavedView;
use partnerly_core::housekeeping::Merged;
use partnerly_core::identity::Identity;
use partnerly_core::metrics::compliance::PostCompliance;
use partnerly_core::metrics::dashboard::{CreatorRow, Dashboard, PostRow};
use partnerly_core::metrics::files::{Assignment, FileRow, MetricsFile, MetricsImport, PostColumn};
use partnerly_core::metrics::kpi::{Emv, Kpi, Unit};
use partnerly_core::metrics::targets::{Pace, TargetProgress};
use partnerly_core::metrics::{Measure, Post, ReadingDraft, Values};
use partnerly_core::outreach::{Message, Template, TemplateField, TemplateKind, TemplateView, Templates};
use partnerly_core::payments::{
    CurrencyTotals, DueDate, Invoice, PaidPart, PaymentFilter, PaymentLine, PaymentStatus, PaymentsView, Trigger,
};
use partnerly_core::rights::{AdCode, PostRights, RightsFilter, RightsState};
use partnerly_core::roster::{
    Account, AccountDraft, FieldError, Influencer, InfluencerDraft, Platform, RosterFilter, SortBy, Tier,
    TierBoundaries,
};
use partnerly_core::sales::{CodeSales, FileMatch, Order, OrderColumn, OrdersFile, OrdersImported, Shop, UnknownCode};
use partnerly_core::sync::conflicts::Conflict;
use partnerly_core::vetting::benchmarks::{Benchmark, RateMethod, Statistic};
use partnerly_core::vetting::brand::{
    Brand, BrandDraft, ShortlistEntry, TargetAudience, TargetAudienceDraft, WeightDraft, Weighted,
};
use partnerly_core::vetting::dossier::{
    AccountStats, Audience, CheckEntry, CheckItem, CheckState, Dossier, FollowerHistory, FollowerPoint,
    PastPartnership, Share,
};
use partnerly_core::vetting::drafts::{AccountStatsDraft, AudienceDraft, CheckDraft, PastPartnershipDraft};
use partnerly_core::vetting::engagement::{AccountEngagement, BandPosition, BenchmarkBand, Rate};
use partnerly_core::vetting::flags::{FlagKind, FlagReport, RedFlag};
use partnerly_core::vetting::score::{Component, Penalty, Score, ScoreStatus};
use partnerly_core::vetting::scorecard::{BrandRef, Scorecard, Verdict, VerdictKind};
use partnerly_core::vetting::AudienceFileSummary;
use partnerly_core::workspace::WorkspaceSummary;
use partnerly_team::workspace::{Connected, Status as TeamStatus, SyncState};
use partnerly_team::{Member, Role, Synced};
use ts_rs::{Config, TS};

use crate::commands::orders::{DroppedOnDashboard, HeldOrdersFile};
use crate::commands::settings::PreferencesView;
use crate::commands::workspace::{ExportOutcome, ImportPreview, WorkspaceStatus};
use crate::error::{CommandError, ErrorKind};
use crate::imports::{CsvPreview, CsvRefused};
use partnerly_core::import::columns::Field;
use partnerly_core::import::run::{
    CellWarning, FilePreview, ImportSummary, Progress, Rejection, StoredAccount, StoredRow, Warning,
};
use partnerly_core::preferences::{LocaleOption, Preferences, PreferencesDraft};
use partnerly_core::sample::SampleContents;
use partnerly_core::workspace::backups::{Backup, BackupKind};

/// File name -> contents, for every type the UI sees, plus an index.
fn generate() -> BTreeMap<String, String> {
    let cfg = Config::new().with_large_int("number");
    let mut files = BTreeMap::new();
    let mut add = |name: String, text: String| {
        files.insert(name, text);
    };
    macro_rules! types {
        ($($t:ty),+ $(,)?) => {$(
            add(
                <$t>::output_path().expect("derived types have a file").display().to_string(),
                <$t>::export_to_string(&cfg).expect("the type exports"),
            );
        )+};
    }
    types!(
        TeamView,
        TeamStatus,
        SyncState,
        Connected,
        Conflict,
        Member,
        Role,
        Synced,
        PaymentsView,
        PaymentLine,
        PaymentStatus,
        PaymentFilter,
        CurrencyTotals,
        DueDate,
        Trigger,
        Invoice,
        PaidPart,
        PaymentsExport,
        Dashboard,
        CreatorRow,
        PostRow,
        Kpi,
        Unit,
        Emv,
        TargetProgress,
        Pace,
        Chart,
        Post,
        Values,
        Measure,
        ReadingDraft,
        MetricsFile,
        FileRow,
        PostColumn,
        Assignment,
        MetricsImport,
        HeldMetricsFile,
        PostValues,
        PostCompliance,
        Direction,
        Entry,
        Event,
        DeliverableProgress,
        Stage,
        DisclosureCheck,
        Finding,
        MarketRule,
        RuleSource,
        Brief,
        Campaign,
        CampaignDraft,
        Compensation,
        ContentFormat,
        Deliverable,
        DueItem,
        Exclusivity,
        Instalment,
        KpiMetric,
        KpiTarget,
        KpiTargetDraft,
        Money,
        Objective,
        Ownership,
        Parties,
        Partnership,
        PartnershipView,
        Identity,
        AdCode,
        PostRights,
        Message,
        Template,
        TemplateField,
        TemplateKind,
        TemplateView,
        Templates,
        DuplicatePair,
        TagCount,
        SavedView,
        Merged,
        CodeSales,
        FileMatch,
        Order,
        OrderColumn,
        OrdersFile,
        OrdersImported,
        Shop,
        UnknownCode,
        HeldOrdersFile,
        DroppedOnDashboard,
        RightsFilter,
        RightsState,
        CalendarEntry,
        CalendarFilter,
        EntryKind,
        CalendarExport,
        RemovedCampaign,
        Status,
        Step,
        TargetValue,
        Terms,
        Undefined,
        UsageRights,
        Account,
        AccountEngagement,
        AccountStats,
        AccountStatsDraft,
        Audience,
        AudienceDraft,
        AudienceFileSummary,
        BandPosition,
        Benchmark,
        BenchmarkBand,
        Brand,
        BrandDraft,
        BrandRef,
        CheckDraft,
        CheckEntry,
        CheckItem,
        CheckState,
        Component,
        Dossier,
        FlagKind,
        FlagReport,
        FollowerHistory,
        FollowerPoint,
        PastPartnership,
        PastPartnershipDraft,
        Penalty,
        Rate,
        RateMethod,
        RedFlag,
        Score,
        ScoreStatus,
        Scorecard,
        Share,
        ShortlistEntry,
        ShortlistItem,
        Statistic,
        TargetAudience,
        TargetAudienceDraft,
        TierBoundaries,
        Verdict,
        VerdictKind,
        WeightDraft,
        Weighted,
        AccountDraft,
        CommandError,
        Country,
        CsvPreview,
        CsvRefused,
        ErrorKind,
        ExportOutcome,
        Field,
        FieldError,
        FilePreview,
        ImportPreview,
        ImportSummary,
        Backup,
        BackupKind,
        LocaleOption,
        Preferences,
        PreferencesDraft,
        PreferencesView,
        SampleContents,
        Influencer,
        InfluencerDraft,
        Platform,
        Progress,
        Rejection,
        Warning,
        CellWarning,
        RosterFilter,
        RosterPage,
        SortBy,
        StoredAccount,
        StoredRow,
        Tier,
        WorkspaceStatus,
        WorkspaceSummary,
    );
    let index: String = files
        .keys()
        .map(|file| {
            let name = file.trim_end_matches(".ts");
            format!("export type {{ {name} }} from \"./{name}\";\n")
        })
        .collect();
    files.insert(
        "index.ts".into(),
        format!("// Generated by the bindings test in src-tauri/app. Do not edit.\n{index}"),
    );
    files
}

fn bindings_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/bindings")
}

#[test]
fn bindings_match_the_rust_types() {
    let dir = bindings_dir();
    let expected = generate();
    if std::env::var("UPDATE_BINDINGS").as_deref() == Ok("1") {
        if dir.exists() {
            fs::remove_dir_all(&dir).unwrap();
        }
        fs::create_dir_all(&dir).unwrap();
        for (name, text) in &expected {
            fs::write(dir.join(name), text).unwrap();
        }
    }
    let mut on_disk = BTreeMap::new();
    for entry in fs::read_dir(&dir).expect("ui/src/bindings exists") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        on_disk.insert(name, fs::read_to_string(&path).unwrap());
    }
    let hint = "run `UPDATE_BINDINGS=1 cargo test --lib bindings` and commit ui/src/bindings";
    for (name, text) in &expected {
        match on_disk.get(name) {
            None => panic!("ui/src/bindings/{name} is missing: {hint}"),
            Some(found) => assert_eq!(found, text, "ui/src/bindings/{name} is out of date: {hint}"),
        }
    }
    for name in on_disk.keys() {
        assert!(
            expected.contains_key(name),
            "ui/src/bindings/{name} has no Rust type any more: {hint}"
        );
    }
}
