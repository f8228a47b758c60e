#pragma once

#include "core/platform/keyspacetypes.h"
#include "core/platform/platformmanifest.h"
#include "core/util/latestonly.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QTreeWidget;

namespace Dockmaster {

class GrantsEditor;
class KeyspaceBrowser;
class KeyspaceModel;
class KeyValueViewer;

// An app's Platform services tab (issue 18): the permissions its plugin
// declares in platform.json, and its part of the key/value store: how many
// keys and how much memory against its quota, the largest keys, every key
// paged in as the list scrolls (SCAN, never KEYS), and one key's value with
// editing and deleting. Everything the store holds is read on worker threads
// by the KeyspaceBrowser given; the window never waits on the store.
class PlatformServicesView final : public QWidget
{
    Q_OBJECT
public:
    explicit PlatformServicesView(const QString &appId, const QString &appName, QWidget *parent = nullptr);
    ~PlatformServicesView() override;

    QString appId() const { return m_appId; }
    // browser: not owned; null when the profile has no store (`why` says so).
    void setBrowser(KeyspaceBrowser *browser, const QString &why = {});
    // The manifest read from the app's code repository at `source` (a tag or
    // branch), or why it could not be read.
    void setManifest(const PlatformManifestResult &manifest, const QString &source);
    void setManifestError(const QString &error);
    // Reads the summary and the first page of keys again.
    void refresh();

    // For tests and the controller.
    KeyspaceModel *keys() const { return m_keys; }
    KeyspaceModel *largest() const { return m_largest; }
    KeyValueViewer *viewer() const { return m_viewer; }
    GrantsEditor *grants() const { return m_grants; }
    QTableView *keyTable() const { return m_keyTable; }
    QTableView *largestTable() const { return m_largestTable; }
    QString summaryText() const;
    QString quotaText() const;
    QString keysStatusText() const;
    QStringList permissionNames() const;
    bool isOverQuota() const { return m_overQuota; }

Q_SIGNALS:
    // A change went through (for the audit log).
    void changed(const QString &action, const QString &appId, const QString &detail);
    void failed(const QString &message);
    // The admin asked for a fresh look: the manifest too.
    void refreshRequested(const QString &appId);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void fillKeyList();
    void readSummary();
    void showSummary(const KeyspaceSummary &summary);
    void updateQuota();
    void updateKeysStatus();

    QString m_appId;
    QPointer<KeyspaceBrowser> m_browser;
    int m_quotaMb = PlatformManifest::DefaultQuotaMb;
    qint64 m_bytes = -1;
    bool m_overQuota = false;
    LatestOnly m_summaries;

    QLabel *m_title;
    QPushButton *m_refresh;
    QLabel *m_manifestSource;
    GrantsEditor *m_grants;
    QLabel *m_summary;
    QProgressBar *m_quota;
    KeyspaceModel *m_largest;
    QTableView *m_largestTable;
    KeyspaceModel *m_keys;
    QTableView *m_keyTable;
    QLabel *m_keysStatus;
    QPushButton *m_retry;
    KeyValueViewer *m_viewer;
};

} // namespace Dockmaster
