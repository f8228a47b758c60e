#include "views/platform/platformservicesview.h"

#include "core/platform/keyspacebrowser.h"
#include "core/util/untrustedtext.h"
#include "models/platform/keyspacemodel.h"
#include "views/platform/grantseditor.h"
#include "views/platform/keyvalueviewer.h"

#include <QColor>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <climits>

namespace Dockmaster {
namespace {

QTableView *keyTableFor(KeyspaceModel *model, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setModel(model);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    // One line of text per key: thousands of them are scrolled through.
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setSectionResizeMode(KeyspaceModel::NameColumn, QHeaderView::Stretch);
    // Fixed widths, not ResizeToContents: that measures every row again on
    // each page that arrives, which stalls the window at tens of thousands.
    const QFontMetrics metrics = table->fontMetrics();
    const std::pair<int, const char *> widest[] = { { KeyspaceModel::TypeColumn, "Sorted set" },
                                                    { KeyspaceModel::ExpiresColumn, "no expiry" },
                                                    { KeyspaceModel::SizeColumn, "1023.99 KiB" } };
    for (const auto &[column, sample] : widest)
        table->setColumnWidth(column,
                              std::max(table->horizontalHeader()->sectionSizeHint(column),
                                       metrics.horizontalAdvance(QString::fromLatin1(sample)) + 24));
    return table;
}

} // namespace

PlatformServicesView::PlatformServicesView(const QString &appId, const QString &appName, QWidget *parent)
    : QWidget(parent)
    , m_appId(appId)
    , m_title(new QLabel(this))
    , m_refresh(new QPushButton(tr("&Refresh"), this))
    , m_manifestSource(new QLabel(this))
    , m_grants(new GrantsEditor(this))
    , m_summary(new QLabel(this))
    , m_quota(new QProgressBar(this))
    , m_largest(new KeyspaceModel(this))
    , m_largestTable(keyTableFor(m_largest, this))
    , m_keys(new KeyspaceModel(this))
    , m_keyTable(keyTableFor(m_keys, this))
    , m_keysStatus(new QLabel(this))
    , m_retry(new QPushButton(tr("Try &again"), this))
    , m_viewer(new KeyValueViewer(this))
{
    setObjectName(QStringLiteral("platformServicesView"));
    for (QLabel *label : { m_title, m_manifestSource, m_summary, m_keysStatus }) {
        label->setTextFormat(Qt::PlainText);
        label->setWordWrap(true);
    }
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.2);
    m_title->setFont(bold);
    m_title->setText(tr("Platform services of %1 (%2)").arg(UntrustedText::line(appName), appId));
    m_quota->setObjectName(QStringLiteral("keyValueQuota"));
    m_quota->setRange(0, 1000);
    m_quota->setTextVisible(true);
    m_largestTable->setObjectName(QStringLiteral("largestKeys"));
    m_keyTable->setObjectName(QStringLiteral("keyValueKeys"));
    m_retry->hide();

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_refresh);

    auto *permissions = new QGroupBox(tr("Permissions and who has them"), this);
    auto *permissionsLayout = new QVBoxLayout(permissions);
    permissionsLayout->addWidget(m_manifestSource);
    permissionsLayout->addWidget(m_grants, 1);

    auto *store = new QGroupBox(tr("Key/value store"), this);
    auto *storeLayout = new QVBoxLayout(store);
    storeLayout->addWidget(m_summary);
    storeLayout->addWidget(m_quota);
    storeLayout->addWidget(new QLabel(tr("Largest keys:"), store));
    storeLayout->addWidget(m_largestTable, 1);

    auto *top = new QHBoxLayout;
    top->addWidget(permissions, 1);
    top->addWidget(store, 1);

    auto *keys = new QGroupBox(tr("Keys"), this);
    auto *list = new QWidget(keys);
    auto *listLayout = new QVBoxLayout(list);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_keyTable, 1);
    auto *status = new QHBoxLayout;
    status->addWidget(m_keysStatus, 1);
    status->addWidget(m_retry);
    listLayout->addLayout(status);
    auto *split = new QSplitter(Qt::Horizontal, keys);
    split->addWidget(list);
    split->addWidget(m_viewer);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *keysLayout = new QVBoxLayout(keys);
    keysLayout->addWidget(split);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addLayout(top, 2);
    layout->addWidget(keys, 3);

    connect(m_refresh, &QPushButton::clicked, this, [this] {
        Q_EMIT refreshRequested(m_appId);
        refresh();
    });
    connect(m_retry, &QPushButton::clicked, this, [this] { m_keys->fetchMore({}); });
    connect(m_keys, &KeyspaceModel::pageWanted, this, [this](const QString &app, const QByteArray &cursor) {
        if (!m_browser)
            return;
        m_browser->page(app, cursor, this, [this, app](const KeyspacePage &page) { m_keys->addPage(app, page); });
    });
    connect(m_keys, &KeyspaceModel::stateChanged, this, [this] {
        updateKeysStatus();
        fillKeyList();
    });
    const auto showSelected = [this](QTableView *table, KeyspaceModel *model) {
        connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                [this, model](const QModelIndex &current) {
                    if (current.isValid())
                        m_viewer->showKey(m_appId, model->keyAt(current.row()).name);
                });
    };
    showSelected(m_keyTable, m_keys);
    showSelected(m_largestTable, m_largest);
    connect(m_viewer, &KeyValueViewer::changed, this,
            [this](const QString &action, const QString &app, const QString &detail) {
                Q_EMIT changed(action, app, detail);
                readSummary();
            });
    connect(m_viewer, &KeyValueViewer::keyRemoved, this, [this](const QByteArray &key) {
        m_keys->removeKey(key);
        m_largest->removeKey(key);
    });
    connect(m_viewer, &KeyValueViewer::failed, this, &PlatformServicesView::failed);

    m_manifestSource->setText(tr("Reading platform.json…"));
    setBrowser(nullptr);
}

PlatformServicesView::~PlatformServicesView() = default;

void PlatformServicesView::setBrowser(KeyspaceBrowser *browser, const QString &why)
{
    m_browser = browser;
    m_viewer->setBrowser(browser);
    if (!browser) {
        m_summaries.invalidate();
        m_summary->setText(why);
        m_quota->hide();
        m_keys->restart(QString());
        m_largest->restart(QString());
        m_viewer->clear();
        updateKeysStatus();
        return;
    }
    refresh();
}

void PlatformServicesView::refresh()
{
    if (!m_browser)
        return;
    m_viewer->clear();
    m_keys->restart(m_appId);
    m_keys->fetchMore({});
    readSummary();
}

void PlatformServicesView::readSummary()
{
    if (!m_browser)
        return;
    m_summary->setText(tr("Counting the keys…"));
    m_browser->summary(m_appId, this,
                       m_summaries.startGuarded([this](const KeyspaceSummary &summary) { showSummary(summary); }));
}

void PlatformServicesView::showSummary(const KeyspaceSummary &summary)
{
    if (!summary.error.isEmpty()) {
        m_summary->setText(summary.error);
        m_bytes = -1;
        m_largest->restart(QString());
        updateQuota();
        return;
    }
    const QLocale locale;
    m_summary->setText(tr("%Ln keys, %1 of memory", nullptr, int(std::min<qint64>(summary.keys, INT_MAX)))
                           .arg(locale.formattedDataSize(summary.bytes)));
    m_bytes = summary.bytes;
    m_largest->setKeys(m_appId, summary.largest);
    updateQuota();
}

void PlatformServicesView::setManifest(const PlatformManifestResult &manifest, const QString &source)
{
    if (!manifest.ok()) {
        m_manifestSource->setText(tr("platform.json at %1 is refused: %2")
                                      .arg(UntrustedText::line(source), manifest.errors.join(QLatin1Char(' '))));
        m_grants->setManifest({});
        m_quotaMb = PlatformManifest::DefaultQuotaMb;
        updateQuota();
        return;
    }
    m_manifestSource->setText(manifest.manifest.permissions.isEmpty()
                                  ? tr("platform.json at %1 declares no permission.").arg(UntrustedText::line(source))
                                  : tr("From platform.json at %1.").arg(UntrustedText::line(source)));
    m_grants->setManifest(manifest.manifest);
    m_quotaMb = manifest.manifest.quotaMb();
    updateQuota();
}

void PlatformServicesView::setManifestError(const QString &error)
{
    m_grants->setManifest({});
    m_manifestSource->setText(error);
    m_quotaMb = PlatformManifest::DefaultQuotaMb;
    updateQuota();
}

// A page may bring no new key (SCAN steps through the whole store, and most
// of it belongs to other apps): go on until the list fills the view or the
// namespace ends, as scrolling would. A tab that is not shown has no height
// to fill (its scroll bar is always at its end): it waits until it is shown,
// or it would page through the whole namespace behind the admin's back.
void PlatformServicesView::fillKeyList()
{
    if (!m_keyTable->isVisible() || m_keys->isLoading())
        return;
    const QScrollBar *bar = m_keyTable->verticalScrollBar();
    if (m_keys->canFetchMore({}) && bar->value() >= bar->maximum())
        m_keys->fetchMore({});
}

void PlatformServicesView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // After the layout has given the list its height.
    QTimer::singleShot(0, this, &PlatformServicesView::fillKeyList);
}

void PlatformServicesView::updateQuota()
{
    const qint64 quota = qint64(m_quotaMb) * 1024 * 1024;
    m_overQuota = m_bytes > quota;
    if (m_bytes < 0 || !m_browser) {
        m_quota->hide();
        return;
    }
    const QLocale locale;
    m_quota->show();
    m_quota->setValue(int(std::min<qint64>(1000, m_bytes * 1000 / quota)));
    m_quota->setFormat(
        m_overQuota
            ? tr("Over its quota: %1 of %2").arg(locale.formattedDataSize(m_bytes), locale.formattedDataSize(quota))
            : tr("%1 of its %2 quota (%3 %)")
                  .arg(locale.formattedDataSize(m_bytes), locale.formattedDataSize(quota),
                       locale.toString(double(m_bytes) * 100.0 / double(quota), 'f', 0)));
    QPalette palette = m_quota->palette();
    palette.setColor(QPalette::Highlight,
                     m_overQuota ? QColor(0xc0, 0x39, 0x2b) : QWidget::palette().color(QPalette::Highlight));
    m_quota->setPalette(palette);
    m_quota->setToolTip(tr("Memory the app's keys take in the store, against the quota its platform.json asks for "
                           "(%1 MB when it asks for none). The store does not stop an app at its quota: an app "
                           "over it is shown here.")
                            .arg(PlatformManifest::DefaultQuotaMb));
}

void PlatformServicesView::updateKeysStatus()
{
    const QLocale locale;
    const int shown = m_keys->rowCount();
    m_retry->setVisible(!m_keys->error().isEmpty());
    if (!m_browser)
        m_keysStatus->clear();
    else if (!m_keys->error().isEmpty())
        m_keysStatus->setText(m_keys->error());
    else if (m_keys->isLoading())
        m_keysStatus->setText(tr("%Ln keys shown, reading more…", nullptr, shown));
    else if (m_keys->isComplete())
        m_keysStatus->setText(tr("All %Ln keys shown.", nullptr, shown));
    else
        m_keysStatus->setText(tr("%Ln keys shown; scroll down for more.", nullptr, shown));
}

QString PlatformServicesView::summaryText() const
{
    return m_summary->text();
}

QString PlatformServicesView::quotaText() const
{
    return m_quota->isHidden() ? QString() : m_quota->text();
}

QString PlatformServicesView::keysStatusText() const
{
    return m_keysStatus->text();
}

QStringList PlatformServicesView::permissionNames() const
{
    QStringList names;
    for (int i = 0; i < m_grants->permissionTree()->topLevelItemCount(); ++i)
        names.append(m_grants->permissionTree()->topLevelItem(i)->text(0));
    return names;
}

} // namespace Dockmaster
