#include "views/review/reviewpane.h"

#include "core/domain/environment.h"
#include "core/util/lookalike.h"
#include "core/util/untrustedtext.h"
#include "models/releaserequestsmodel.h"
#include "views/review/diffview.h"
#include "views/review/fulltextdialog.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <numeric>

namespace Dockmaster {

namespace {

constexpr int FlagIndexRole = Qt::UserRole + 1;
constexpr int PathRole = Qt::UserRole + 2;

QTreeWidget *makeList(const QString &objectName, const QString &accessibleName, const QStringList &headers)
{
    auto *list = new QTreeWidget;
    list->setObjectName(objectName);
    list->setAccessibleName(accessibleName);
    list->setHeaderLabels(headers);
    list->setRootIsDecorated(false);
    list->setUniformRowHeights(true);
    list->setAlternatingRowColors(true);
    list->setSelectionMode(QAbstractItemView::SingleSelection);
    list->header()->setStretchLastSection(true);
    return list;
}

QWidget *captioned(const QString &caption, QWidget *content, QLabel **captionLabel = nullptr)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(2);
    auto *label = new QLabel(caption);
    label->setTextFormat(Qt::PlainText); // "Diff of <path>" quotes a third-party path
    // Third-party text never decides how wide the window must be (the tooltip has all of it).
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    label->setBuddy(content);
    layout->addWidget(label);
    layout->addWidget(content, 1);
    if (captionLabel)
        *captionLabel = label;
    return box;
}

// A header line: plain text (it may quote third-party text). A screen
// reader reads its text as its name (an accessible name would hide it) and
// what the line is as its description.
QLabel *headerLabel(const QString &objectName, const QString &description)
{
    auto *label = new QLabel;
    label->setTextFormat(Qt::PlainText);
    label->setObjectName(objectName);
    label->setAccessibleDescription(description);
    return label;
}

QLabel *stateLabel(const QString &objectName)
{
    auto *label = new QLabel;
    label->setObjectName(objectName);
    label->setAlignment(Qt::AlignCenter);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

ReviewPane::ReviewPane(const KSyntaxHighlighting::Repository *repository, QWidget *parent)
    : QWidget(parent)
    , m_repository(repository)
{
    setAccessibleName(tr("Release review"));
    buildUi();
    clear();
}

void ReviewPane::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);

    m_header = new QWidget;
    m_header->setObjectName(QStringLiteral("reviewHeader"));
    auto *headerLayout = new QVBoxLayout(m_header);
    headerLayout->setContentsMargins(0, 0, 0, 0);
    headerLayout->setSpacing(2);
    auto *titleRow = new QHBoxLayout;
    titleRow->setSpacing(8);
    m_environment = new QLabel;
    m_environment->setObjectName(QStringLiteral("reviewEnvironment"));
    m_environment->setMargin(3);
    m_environment->setTextFormat(Qt::PlainText);
    m_title = headerLabel(QStringLiteral("reviewTitle"), tr("Release request"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true); // a long title takes a second line in a narrow column, not a cut
    titleRow->addWidget(m_environment);
    titleRow->addWidget(m_title, 1);
    headerLayout->addLayout(titleRow);
    m_ref = headerLabel(QStringLiteral("reviewRef"), tr("Requested version"));
    m_ref->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_requester = headerLabel(QStringLiteral("reviewRequester"), tr("Requester and age"));
    // Third-party text never decides how wide the window must be: these labels
    // take the width they are given (the tooltips have the whole text).
    for (QLabel *label : { m_title, m_ref, m_requester })
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *detailRow = new QHBoxLayout;
    detailRow->addWidget(m_ref);
    detailRow->addStretch(1);
    detailRow->addWidget(m_requester);
    headerLayout->addLayout(detailRow);
    m_summary = headerLabel(QStringLiteral("reviewSummary"), tr("Review summary"));
    headerLayout->addWidget(m_summary);
    m_verdict = headerLabel(QStringLiteral("reviewVerdict"), tr("Risk scan verdict")); // names unscanned files
    m_verdict->setWordWrap(true);
    QFont verdictFont = m_verdict->font();
    verdictFont.setBold(true);
    m_verdict->setFont(verdictFont);
    headerLayout->addWidget(m_verdict);
    m_warnings = headerLabel(QStringLiteral("reviewWarnings"), tr("Review warnings"));
    m_warnings->setWordWrap(true);
    m_warnings->setMargin(4);
    m_warnings->setAutoFillBackground(true);
    headerLayout->addWidget(m_warnings);
    for (QLabel *label : { m_summary, m_verdict, m_warnings })
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_header);

    m_stack = new QStackedWidget;
    m_stack->setObjectName(QStringLiteral("reviewStack"));
    layout->addWidget(m_stack, 1);

    m_emptyLabel = stateLabel(QStringLiteral("reviewEmpty"));
    m_emptyLabel->setTextFormat(Qt::PlainText);
    m_emptyLabel->setText(tr("Select a release request to review it"));
    m_emptyLabel->setAccessibleName(tr("No release request selected"));
    // One page per State, in its order (setState shows the page by index).
    m_stack->addWidget(m_emptyLabel);

    auto *loading = new QWidget;
    auto *loadingLayout = new QVBoxLayout(loading);
    loadingLayout->addStretch(1);
    m_loadingLabel = stateLabel(QStringLiteral("reviewLoading"));
    m_loadingLabel->setText(tr("Loading the changes from GitLab…"));
    m_loadingLabel->setTextFormat(Qt::PlainText);
    m_busy = new QProgressBar;
    m_busy->setRange(0, 0); // busy until the answer arrives
    m_busy->setMaximumWidth(240);
    m_busy->setAccessibleName(tr("Loading"));
    loadingLayout->addWidget(m_loadingLabel);
    loadingLayout->addWidget(m_busy, 0, Qt::AlignHCenter);
    loadingLayout->addStretch(1);
    m_stack->addWidget(loading);

    m_errorLabel = stateLabel(QStringLiteral("reviewError"));
    m_errorLabel->setAccessibleName(tr("Review error"));
    m_errorLabel->setTextFormat(Qt::PlainText); // quotes third-party refs
    m_stack->addWidget(m_errorLabel);

    m_commits = makeList(QStringLiteral("reviewCommits"), tr("Commits"),
                         { tr("Commit"), tr("Author"), tr("Date"), tr("SHA") });
    m_files = makeList(QStringLiteral("reviewFiles"), tr("Changed files"), { tr("File"), tr("Changes"), tr("Flags") });
    m_flags = makeList(QStringLiteral("reviewFlags"), tr("Risk flags"),
                       { tr("Risk"), tr("Location"), tr("Why"), tr("Code") });
    m_diff = new DiffView(m_repository);
    m_diff->setObjectName(QStringLiteral("reviewDiff"));
    m_diff->setAccessibleName(tr("Diff"));

    // Named: their sizes are part of the window's saved layout.
    auto *lists = new QSplitter(Qt::Vertical);
    lists->setObjectName(QStringLiteral("reviewLists"));
    lists->addWidget(captioned(tr("Files"), m_files, &m_filesCaption));
    lists->addWidget(captioned(tr("Commits"), m_commits, &m_commitsCaption));
    lists->setSizes({ 300, 200 });
    auto *top = new QSplitter(Qt::Horizontal);
    top->setObjectName(QStringLiteral("reviewTop"));
    top->addWidget(lists);
    top->addWidget(captioned(tr("Diff"), m_diff, &m_fileCaption));
    top->setSizes({ 420, 860 });
    // The diff gets most of any width beyond that (a wide screen, the editor closed).
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 3);
    auto *content = new QSplitter(Qt::Vertical);
    content->setObjectName(QStringLiteral("reviewContent"));
    content->addWidget(top);
    content->addWidget(captioned(tr("Risk flags"), m_flags, &m_flagsCaption));
    // Stretch rather than sizes: the pane is often laid out while hidden,
    // and the flags are what the reviewer must not miss.
    content->setStretchFactor(0, 3);
    content->setStretchFactor(1, 2);
    m_stack->addWidget(content);

    connect(m_files, &QTreeWidget::itemSelectionChanged, this, &ReviewPane::onFileSelected);
    connect(m_flags, &QTreeWidget::itemActivated, this, &ReviewPane::onFlagActivated);
    connect(m_flags, &QTreeWidget::itemClicked, this, &ReviewPane::onFlagActivated);
    // Long third-party text is cut in the lists: the whole text on demand.
    connect(m_commits, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item, int) {
        const int index = m_commits->indexOfTopLevelItem(item);
        if (index < 0 || index >= m_result.commits.size())
            return;
        const ReviewCommit &c = m_result.commits.at(index);
        FullTextDialog::show(this, tr("Commit %1").arg(UntrustedText::line(c.shortSha, 16)), c.title);
    });
}

void ReviewPane::setReferenceTime(const QDateTime &now)
{
    m_referenceTime = now;
    updateHeader();
}

void ReviewPane::clear()
{
    m_request = {};
    m_hasRequest = false;
    m_result = {};
    m_currentFile.clear();
    m_commits->clear();
    m_files->clear();
    m_flags->clear();
    m_diff->setPlaceholder(QString());
    updateHeader();
    setState(State::Empty);
}

void ReviewPane::setRequest(const ReleaseRequest &request)
{
    const bool other = !m_hasRequest || request.projectId != m_request.projectId || request.iid != m_request.iid;
    m_request = request;
    m_hasRequest = true;
    if (other && m_state == State::Ready) {
        // Never show one request's diff under another's header.
        m_result = {};
        setState(State::Loading);
    } else if (m_state == State::Empty) {
        setState(State::Loading);
    }
    updateHeader();
}

void ReviewPane::setLoading()
{
    m_result = {};
    setProgress(0, 0);
    setState(State::Loading);
    updateHeader();
}

void ReviewPane::setProgress(int done, int total)
{
    m_loadingLabel->setText(total > 0 ? tr("Loading the changes from GitLab… (risk scan: %1 of %2 files read)")
                                            .arg(QLocale().toString(done), QLocale().toString(total))
                                      : tr("Loading the changes from GitLab…"));
}

void ReviewPane::setError(const QString &message)
{
    m_result = {};
    // Plain text: the message may quote third-party refs (callers pass them through UntrustedText).
    m_errorLabel->setText(tr("The changes could not be loaded.") + QStringLiteral("\n\n")
                          + UntrustedText::block(message, UntrustedText::BlockLimit, 12));
    setState(State::Error);
    updateHeader();
}

void ReviewPane::setState(State state)
{
    m_state = state;
    m_stack->setCurrentIndex(static_cast<int>(state)); // one page per state, added in the State's order
    m_header->setVisible(state != State::Empty || m_hasRequest);
}

QString ReviewPane::ageText(const QDateTime &created) const
{
    if (!created.isValid())
        return {};
    const QDateTime now = m_referenceTime.isValid() ? m_referenceTime : QDateTime::currentDateTimeUtc();
    const qint64 minutes = std::max<qint64>(0, created.secsTo(now) / 60);
    if (minutes < 1)
        return tr("just now");
    if (minutes < 60)
        return tr("%n minute(s) ago", nullptr, int(minutes));
    if (minutes < 48 * 60)
        return tr("%n hour(s) ago", nullptr, int(minutes / 60));
    return tr("%n day(s) ago", nullptr, int(minutes / (24 * 60)));
}

void ReviewPane::updateHeader()
{
    m_header->setVisible(m_hasRequest);
    if (!m_hasRequest)
        return;
    const bool production = m_request.environment == Environment::Production;
    m_environment->setText(production ? tr("PRODUCTION") : environmentDisplayName(m_request.environment));
    m_environment->setAccessibleName(tr("Environment: %1").arg(environmentDisplayName(m_request.environment)));
    m_environment->setProperty("production", production);
    QFont envFont = m_environment->font();
    envFont.setBold(production);
    m_environment->setFont(envFont);
    // Production must stand out at a glance: a strong fill rather than a tint.
    m_environment->setStyleSheet(production
                                     ? QStringLiteral("QLabel { background: #c62828; color: white; border-radius: 3px; "
                                                      "padding: 1px 6px; }")
                                     : QStringLiteral("QLabel { background: palette(mid); color: palette(text); "
                                                      "border-radius: 3px; padding: 1px 6px; }"));

    const QString title = m_request.title.isEmpty() ? tr("Release request") : UntrustedText::line(m_request.title, 120);
    m_title->setText(m_request.iid > 0 ? tr("%1 · %2 (#%3)").arg(m_request.appId, title).arg(m_request.iid)
                                       : tr("%1 · %2").arg(m_request.appId, title));
    m_title->setToolTip(UntrustedText::toolTip(m_request.title));

    const QString sha = !m_result.toSha.isEmpty() ? m_result.toSha : m_request.resolvedSha;
    const QString ref = m_request.requestedRef.isEmpty() ? tr("(no ref)") : Lookalike::line(m_request.requestedRef, 80);
    QString refText = sha.isEmpty() ? tr("Requested %1, not yet pinned to a commit").arg(ref)
                                    : tr("Requested %1 → pinned %2").arg(ref, sha.left(12));
    if (m_state == State::Ready)
        refText += m_result.fromSha.isEmpty() ? tr("  ·  first release")
                                              : tr("  ·  live %1").arg(m_result.fromSha.left(12));
    m_ref->setText(refText);
    m_ref->setToolTip(sha);

    const QString age = ageText(m_request.createdAt);
    const QString requester
        = m_request.requester.isEmpty() ? tr("unknown") : UntrustedText::line(m_request.requester, 64);
    QString requesterText = age.isEmpty() ? tr("by %1").arg(requester) : tr("by %1, %2").arg(requester, age);
    // Decided since it was listed (here or on another console): say so where the admin looks.
    if (m_request.state != ReleaseState::Pending)
        requesterText = tr("%1 · %2").arg(requesterText, ReleaseRequestsModel::stateDisplayName(m_request.state));
    m_requester->setText(requesterText);
    m_requester->setToolTip(QLocale().toString(m_request.createdAt.toLocalTime(), QLocale::LongFormat));

    if (m_state == State::Ready) {
        int added = 0;
        int removed = 0;
        for (const ReviewFile &f : std::as_const(m_result.files)) {
            added += f.added;
            removed += f.removed;
        }
        const QString counts = tr("%n commit(s)", nullptr, int(m_result.commits.size())) + QStringLiteral(" · ")
            + tr("%n file(s)", nullptr, int(m_result.files.size())) + QStringLiteral(" · ")
            + tr("+%1 −%2").arg(added).arg(removed) + QStringLiteral(" · ")
            + tr("%n risk flag(s)", nullptr, int(m_result.flags.size()));
        m_summary->setText(counts);
        m_summary->setVisible(true);
        m_verdict->setText(m_result.verdict());
        m_verdict->setVisible(true);
        QPalette verdictPalette = m_verdict->palette();
        verdictPalette.setColor(QPalette::WindowText,
                                m_result.scanComplete() ? palette().color(QPalette::WindowText)
                                                        : QColor(0xc6, 0x28, 0x28));
        m_verdict->setPalette(verdictPalette);
        QStringList warnings = m_result.warnings();
        constexpr int ShownUnscanned = 10;
        for (const UnscannedFile &f : m_result.unscanned.mid(0, ShownUnscanned))
            warnings.append(tr("Not scanned: %1 (%2)").arg(UntrustedText::line(f.path, 120), f.reason));
        if (m_result.unscanned.size() > ShownUnscanned)
            warnings.append(
                tr("… and %n more file(s) not scanned.", nullptr, int(m_result.unscanned.size() - ShownUnscanned)));
        m_warnings->setText(warnings.join(QLatin1Char('\n')));
        m_warnings->setVisible(!warnings.isEmpty());
        QPalette p = m_warnings->palette();
        const QColor base = palette().color(QPalette::Window);
        p.setColor(QPalette::Window,
                   QColor::fromRgbF(base.redF() * 0.7 + 0.3 * 0.98, base.greenF() * 0.7 + 0.3 * 0.78,
                                    base.blueF() * 0.7 + 0.3 * 0.2));
        m_warnings->setPalette(p);
    } else {
        m_summary->setVisible(false);
        m_verdict->setVisible(false);
        m_warnings->setVisible(false);
    }
}

void ReviewPane::setResult(const ReviewResult &result)
{
    m_result = result;
    m_currentFile.clear();

    m_commits->clear();
    for (const ReviewCommit &c : result.commits) {
        auto *item = new QTreeWidgetItem(m_commits,
                                         { UntrustedText::line(c.title), UntrustedText::line(c.author, 64),
                                           QLocale().toString(c.date.toLocalTime(), QLocale::ShortFormat),
                                           UntrustedText::line(c.shortSha, 16) });
        item->setToolTip(0, UntrustedText::toolTip(c.title));
        item->setToolTip(1, UntrustedText::toolTip(c.author));
        item->setToolTip(3, UntrustedText::toolTip(c.sha));
    }

    m_files->clear();
    QFont bold = m_files->font();
    bold.setBold(true);
    const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const ReviewFile &f : result.files) {
        QString label = UntrustedText::line(f.path());
        if (f.diff.newFile)
            label = tr("%1 (new)").arg(label);
        else if (f.diff.deletedFile)
            label = tr("%1 (deleted)").arg(label);
        else if (f.diff.renamedFile)
            label = tr("%1 (renamed from %2)").arg(label, UntrustedText::line(f.diff.oldPath));
        const int flags = result.flagCount(f.path());
        const bool unscanned = result.isUnscanned(f.path());
        QString changes = f.tooLarge ? tr("too large") : tr("+%1 −%2").arg(f.added).arg(f.removed);
        if (unscanned)
            changes = tr("not scanned");
        else if (f.wholeFile)
            changes = tr("no patch; whole file scanned");
        auto *item = new QTreeWidgetItem(m_files, { label, changes, flags > 0 ? QString::number(flags) : QString() });
        item->setData(0, PathRole, f.path());
        item->setToolTip(
            0,
            UntrustedText::toolTip(f.diff.renamedFile ? f.diff.oldPath + QStringLiteral(" → ") + f.path() : f.path()));
        if (unscanned) {
            item->setForeground(1, QColor(0xc6, 0x28, 0x28));
            item->setIcon(1, warningIcon);
        }
        if (flags > 0) {
            item->setIcon(2, warningIcon);
            item->setFont(2, bold);
            item->setData(2, Qt::AccessibleTextRole, tr("%n risk flag(s)", nullptr, flags));
        }
    }
    for (int c = 0; c < m_files->columnCount() - 1; ++c)
        m_files->resizeColumnToContents(c);
    for (int c = 1; c < m_commits->columnCount(); ++c)
        m_commits->resizeColumnToContents(c);
    m_commits->setColumnWidth(0, std::max(m_commits->columnWidth(0), 220));

    m_flags->clear();
    QList<int> order(result.flags.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&result](int a, int b) {
        const RiskFlag &x = result.flags.at(a);
        const RiskFlag &y = result.flags.at(b);
        return std::tie(x.path, x.line) < std::tie(y.path, y.line);
    });
    for (const int i : std::as_const(order)) {
        const RiskFlag &f = result.flags.at(i);
        const QString path = UntrustedText::line(f.path);
        const QString location = f.line > 0 ? tr("%1:%2").arg(path).arg(f.line) : path;
        auto *item = new QTreeWidgetItem(m_flags,
                                         { RiskScanner::kindLabel(f.kind), location,
                                           UntrustedText::line(f.explanation, 240), UntrustedText::line(f.code, 240) });
        item->setIcon(0, warningIcon);
        item->setData(0, FlagIndexRole, i);
        item->setToolTip(1, UntrustedText::toolTip(f.path));
        item->setToolTip(2, UntrustedText::toolTip(f.explanation));
        item->setToolTip(3, UntrustedText::toolTip(f.code));
        item->setFont(3, QFontDatabase::systemFont(QFontDatabase::FixedFont));
    }
    for (int c = 0; c < 2; ++c)
        m_flags->resizeColumnToContents(c);
    m_flags->setColumnWidth(2, std::max(m_flags->columnWidth(2), 460));

    m_filesCaption->setText(tr("Files (%1)").arg(result.files.size()));
    m_commitsCaption->setText(tr("Commits (%1)").arg(result.commits.size()));
    // "none found" only when everything PHP would run was scanned.
    m_flagsCaption->setText(result.flags.isEmpty() && result.scanComplete()
                                ? tr("Risk flags: none found")
                                : tr("Risk flags (%1) · %2").arg(result.flags.size()).arg(result.verdict()));

    setState(State::Ready);
    updateHeader();

    // Open on the first flagged file, else the first file.
    QString first;
    if (!order.isEmpty())
        first = result.flags.at(order.first()).path;
    if (first.isEmpty() && !result.files.isEmpty())
        first = result.files.first().path();
    if (!first.isEmpty())
        showFile(first);
    else
        m_diff->setPlaceholder(result.sameRef ? tr("Nothing changes.") : tr("No file changes."));
}

void ReviewPane::showFile(const QString &path)
{
    for (int i = 0; i < m_files->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_files->topLevelItem(i);
        if (item->data(0, PathRole).toString() == path) {
            if (m_files->currentItem() != item)
                m_files->setCurrentItem(item); // loads it through onFileSelected
            else if (m_currentFile != path)
                onFileSelected();
            return;
        }
    }
}

void ReviewPane::onFileSelected()
{
    QTreeWidgetItem *item = m_files->currentItem();
    if (!item)
        return;
    const QString path = item->data(0, PathRole).toString();
    const ReviewFile *file = m_result.file(path);
    if (!file)
        return;
    m_currentFile = path;
    m_fileCaption->setText(tr("Diff of %1").arg(UntrustedText::line(path)));
    m_fileCaption->setToolTip(UntrustedText::toolTip(path));
    if (file->tooLarge) {
        m_diff->setPlaceholder(tr("This file's diff is too large to show. Review it in GitLab."));
        return;
    }
    if (file->diff.binary) {
        m_diff->setPlaceholder(m_result.isUnscanned(path) ? tr("Binary file; it could not be scanned.")
                                                          : tr("Binary file; no text diff."));
        return;
    }
    if (file->diff.diff.isEmpty()) {
        m_diff->setPlaceholder(file->diff.renamedFile ? tr("Renamed without changes.") : tr("Empty file."));
        return;
    }
    QSet<int> flagged;
    for (const RiskFlag &f : m_result.flags) {
        if (f.path == path && f.line > 0)
            flagged.insert(f.line);
    }
    m_diff->setDiff(file->diff.diff, flagged);
}

void ReviewPane::onFlagActivated(QTreeWidgetItem *item)
{
    if (!item)
        return;
    const int index = item->data(0, FlagIndexRole).toInt();
    if (index < 0 || index >= m_result.flags.size())
        return;
    const RiskFlag &flag = m_result.flags.at(index);
    showFile(flag.path);
    m_diff->showNewLine(flag.line);
    Q_EMIT flagActivated(flag);
}

void ReviewPane::showFlag(int index)
{
    for (int i = 0; i < m_flags->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_flags->topLevelItem(i);
        if (item->data(0, FlagIndexRole).toInt() == index) {
            m_flags->setCurrentItem(item);
            onFlagActivated(item);
            return;
        }
    }
}

int ReviewPane::currentLine() const
{
    return m_diff->currentNewLine();
}

} // namespace Dockmaster
