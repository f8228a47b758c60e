// An app's Platform services tab (issue 18) against a real valkey-server, as
// an admin uses it: the count, memory and quota at the top, the largest keys,
// the key list paged in as it scrolls, a value of each type, an edit and a
// delete, each confirmed and reported for the audit log, and a plugin's
// hostile key names shown as text.
#include "core/platform/appkeyspace.h"
#include "core/platform/keyspacebrowser.h"
#include "models/platform/keyspacemodel.h"
#include "tests/support/valkeyserver.h"
#include "views/platform/keyvalueviewer.h"
#include "views/platform/platformservicesview.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace Dockmaster;
using namespace Dockmaster::Test;

namespace {

const QString Shop = QStringLiteral("app4000001");
const QString Other = QStringLiteral("app4000002");
constexpr int ShopKeys = 3000;

// Answers the open confirmation by clicking the button named `label`.
bool answer(const QString &label)
{
    QMessageBox *box = nullptr;
    if (!QTest::qWaitFor([&] { return (box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())); }, 10000))
        return false;
    for (QAbstractButton *button : box->buttons()) {
        if (button->text().remove(QLatin1Char('&')) == label) {
            button->click();
            return true;
        }
    }
    return false;
}

} // namespace

class TestPlatformServicesView : public QObject
{
    Q_OBJECT

private:
    ValkeyServer m_server;
    std::unique_ptr<KeyspaceBrowser> m_browser;

    QByteArray key(const QString &appId, const QByteArray &name) const { return AppKeyspace::keyPrefix(appId) + name; }

    void select(PlatformServicesView &view, const QByteArray &name)
    {
        KeyspaceModel *keys = view.keys();
        for (int row = 0; row < keys->rowCount(); ++row) {
            if (keys->keyAt(row).name == name) {
                view.keyTable()->setCurrentIndex(keys->index(row, 0));
                return;
            }
        }
        QFAIL(qPrintable(QStringLiteral("no row for ") + QString::fromUtf8(name)));
    }

    // Scrolls to the end until every key is listed, as an admin would.
    void scrollToTheEnd(PlatformServicesView &view)
    {
        QTRY_VERIFY_WITH_TIMEOUT(view.keys()->rowCount() > 0, 30000);
        for (int i = 0; i < 1000 && !view.keys()->isComplete(); ++i) {
            QScrollBar *bar = view.keyTable()->verticalScrollBar();
            bar->setValue(bar->maximum());
            QTest::qWait(20);
        }
        QVERIFY(view.keys()->isComplete());
    }

    // Edits the element in the row whose first column shows `first`: select
    // it, Edit, type, Save, Store.
    void editElement(PlatformServicesView &view, const QByteArray &name, const QString &first, const QString &typed)
    {
        KeyValueViewer *viewer = view.viewer();
        select(view, name);
        QTRY_VERIFY_WITH_TIMEOUT(!viewer->isLoading() && viewer->tableRows() > 0, 30000);
        auto *table = viewer->findChild<QTableView *>(QStringLiteral("keyValueElements"));
        auto *edit = viewer->findChild<QPushButton *>(QStringLiteral("editKeyValue"));
        QVERIFY(!edit->isEnabled()); // which element: none chosen yet
        int row = -1;
        for (int r = 0; r < table->model()->rowCount(); ++r)
            if (table->model()->index(r, 0).data().toString() == first)
                row = r;
        QVERIFY2(row >= 0, qPrintable(first));
        table->setCurrentIndex(table->model()->index(row, 0));
        QVERIFY(edit->isEnabled());
        edit->click();
        QVERIFY(viewer->isEditing());
        viewer->findChild<QPlainTextEdit *>(QStringLiteral("keyValueText"))->setPlainText(typed);
        viewer->findChild<QPushButton *>(QStringLiteral("saveKeyValue"))->click();
        QVERIFY(answer(QStringLiteral("Store")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QString problem = m_server.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QList<QList<QByteArray>> writes;
        for (int i = 0; i < ShopKeys - 5; i += 500) {
            QList<QByteArray> set { "MSET" };
            for (int j = i; j < std::min(i + 500, ShopKeys - 5); ++j)
                set << key(Shop, "cart:" + QByteArray::number(j)) << "{\"items\":" + QByteArray::number(j) + "}";
            writes.append(set);
        }
        QList<QByteArray> hash { "HSET", key(Shop, "profile:7") };
        for (int i = 0; i < 1200; ++i)
            hash << "field" + QByteArray::number(i) << QByteArray(1000, 'x');
        writes.append(hash);
        writes.append({ "SET", key(Shop, "greeting"), "hello", "EX", "7200" });
        // Text the editor would not give back as it is (its line ends).
        writes.append({ "SET", key(Shop, "windows"), "line one\r\nline two" });
        // A hostile plugin's key names: a line break and a direction override,
        // and bytes that are not UTF-8.
        writes.append({ "SET", key(Shop, "evil\n\xE2\x80\xAEtxt.exe"), "x" });
        writes.append({ "SET", key(Shop, QByteArray("bin\xff\x01", 5)), "y" });
        for (int i = 0; i < 20; ++i)
            writes.append({ "SET", key(Other, "other:" + QByteArray::number(i)), "not the shop's" });
        for (const ValkeyReply &reply : m_server.adminConnection().pipeline(writes))
            QVERIFY2(!reply.isError(), reply.text.constData());
        m_browser = std::make_unique<KeyspaceBrowser>(m_server.admin());
    }

    void headerCountsKeysAgainstTheQuotaAndListsTheLargest()
    {
        PlatformServicesView view(Shop, QStringLiteral("Shop"));
        view.resize(1200, 800);
        view.show();
        view.setBrowser(m_browser.get());
        QTRY_VERIFY_WITH_TIMEOUT(view.largest()->rowCount() > 0, 60000);
        QVERIFY2(view.summaryText().contains(QLocale().toString(ShopKeys)), qPrintable(view.summaryText()));
        QCOMPARE(view.largest()->keyAt(0).name, QByteArray("profile:7"));
        QVERIFY2(!view.isOverQuota(), qPrintable(view.quotaText()));
        QVERIFY2(view.quotaText().contains(QStringLiteral("10")), qPrintable(view.quotaText()));

        // A manifest that asks for 1 MB: the app's ~1.3 MB of keys are over it.
        const PlatformManifestResult manifest = PlatformManifests::parse(R"({
            "permissions": { "orders.read": "See the orders of the shop", "orders.refund": "Refund an order" },
            "anonymous_paths": ["/health.php"],
            "kv_quota_mb": 1 })");
        QVERIFY(manifest.ok());
        view.setManifest(manifest, QStringLiteral("v1.2.0"));
        QCOMPARE(view.permissionNames(),
                 (QStringList { QStringLiteral("orders.read"), QStringLiteral("orders.refund") }));
        QVERIFY2(view.isOverQuota(), qPrintable(view.quotaText()));
    }

    void listPagesInAsItScrollsAndNeverShowsAnotherApp()
    {
        PlatformServicesView view(Shop, QStringLiteral("Shop"));
        view.resize(1200, 800);
        view.show();
        // The window's thread: a timer that should fire every 10 ms.
        QElapsedTimer sinceTick;
        qint64 longestStallMs = 0;
        QTimer ticker;
        ticker.setInterval(10);
        connect(&ticker, &QTimer::timeout, this,
                [&] { longestStallMs = std::max(longestStallMs, sinceTick.restart()); });
        sinceTick.start();
        ticker.start();
        view.setBrowser(m_browser.get());
        // The first screenful only: more comes when the admin scrolls.
        QTRY_VERIFY_WITH_TIMEOUT(view.keys()->rowCount() > 0 && !view.keys()->isLoading(), 30000);
        QVERIFY2(view.keys()->rowCount() < ShopKeys, qPrintable(QString::number(view.keys()->rowCount())));
        QVERIFY(!view.keys()->isComplete());
        scrollToTheEnd(view);
        ticker.stop();
        QCOMPARE(view.keys()->rowCount(), ShopKeys);
        QSet<QByteArray> names;
        for (int row = 0; row < view.keys()->rowCount(); ++row)
            names.insert(view.keys()->keyAt(row).name);
        QCOMPARE(names.size(), ShopKeys);
        QVERIFY(!names.contains("other:0"));
        QVERIFY2(view.keysStatusText().contains(QLocale().toString(ShopKeys)), qPrintable(view.keysStatusText()));
        qInfo("the window's thread stalled at most %lld ms", longestStallMs);
        QVERIFY2(longestStallMs < 1000, qPrintable(QString::number(longestStallMs)));

        // Hostile names are text on one line, with what hides revealed.
        for (int row = 0; row < view.keys()->rowCount(); ++row) {
            const QString shown = view.keys()->data(view.keys()->index(row, KeyspaceModel::NameColumn)).toString();
            QVERIFY2(!shown.contains(QLatin1Char('\n')) && !shown.contains(QChar(0x202E)), qPrintable(shown));
            if (view.keys()->keyAt(row).name.startsWith("bin"))
                QVERIFY2(shown.contains(QStringLiteral("\\xff")), qPrintable(shown));
        }
    }

    // A tab that is not in front reads its first page and no more: its list
    // has no height to fill. Shown, it fills the view like any other.
    void aHiddenTabReadsOnlyItsFirstPage()
    {
        PlatformServicesView view(Shop, QStringLiteral("Shop"));
        view.resize(1200, 800); // never shown until the end
        QSignalSpy pages(view.keys(), &KeyspaceModel::pageWanted);
        view.setBrowser(m_browser.get());
        QTRY_VERIFY_WITH_TIMEOUT(!pages.isEmpty() && !view.keys()->isLoading(), 30000);
        // Time for the pages a hidden list used to ask for, one after another.
        QTest::qWait(1000);
        QCOMPARE(pages.size(), 1);
        QVERIFY(!view.keys()->isComplete());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY_WITH_TIMEOUT(view.keys()->isComplete() || view.keyTable()->verticalScrollBar()->maximum() > 0,
                                 30000);
    }

    void valuesAreShownEditedAndDeletedWithConfirmation()
    {
        PlatformServicesView view(Shop, QStringLiteral("Shop"));
        // The models keep their promises through paging, removals and resets
        // (not in the stall measurement: the tester reads every row each time).
        QAbstractItemModelTester keysChecked(view.keys(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester largestChecked(view.largest(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.resize(1200, 800);
        view.show();
        view.setBrowser(m_browser.get());
        scrollToTheEnd(view);
        QSignalSpy changes(&view, &PlatformServicesView::changed);
        KeyValueViewer *viewer = view.viewer();

        select(view, "profile:7");
        QTRY_VERIFY_WITH_TIMEOUT(!viewer->isLoading() && viewer->tableRows() > 0, 30000);
        QCOMPARE(viewer->tableRows(), KeyspaceValue::ValueLimit);
        QVERIFY2(viewer->noteText().contains(QLocale().toString(1200)), qPrintable(viewer->noteText()));
        QVERIFY(!viewer->findChild<QPushButton *>(QStringLiteral("editKeyValue"))->isEnabled());

        select(view, "windows");
        QTRY_VERIFY_WITH_TIMEOUT(viewer->valueText().startsWith(QStringLiteral("line one")), 30000);
        QVERIFY(!viewer->findChild<QPushButton *>(QStringLiteral("editKeyValue"))->isEnabled());

        select(view, "greeting");
        QTRY_COMPARE_WITH_TIMEOUT(viewer->valueText(), QStringLiteral("hello"), 30000);
        auto *edit = viewer->findChild<QPushButton *>(QStringLiteral("editKeyValue"));
        QVERIFY(edit->isEnabled());
        edit->click();
        QVERIFY(viewer->isEditing());
        viewer->findChild<QPlainTextEdit *>(QStringLiteral("keyValueText"))
            ->setPlainText(QStringLiteral("hello, 世界"));
        viewer->findChild<QPushButton *>(QStringLiteral("saveKeyValue"))->click();
        QVERIFY(answer(QStringLiteral("Store")));
        QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 1, 30000);
        QCOMPARE(changes.at(0).at(0).toString(), QStringLiteral("app.kv-set"));
        QCOMPARE(changes.at(0).at(1).toString(), Shop);
        ValkeyConnection &admin = m_server.adminConnection();
        QCOMPARE(admin.command({ "GET", key(Shop, "greeting") }).text, QStringLiteral("hello, 世界").toUtf8());
        QVERIFY(admin.command({ "TTL", key(Shop, "greeting") }).integer > 7000); // the expiry stays
        QTRY_COMPARE_WITH_TIMEOUT(viewer->valueText(), QStringLiteral("hello, 世界"), 30000);

        // The plugin writes while the admin edits: the admin's save is refused.
        edit->click();
        viewer->findChild<QPlainTextEdit *>(QStringLiteral("keyValueText"))->setPlainText(QStringLiteral("admin's"));
        QVERIFY(!admin.command({ "SET", key(Shop, "greeting"), "plugin's" }).isError());
        QSignalSpy failures(&view, &PlatformServicesView::failed);
        viewer->findChild<QPushButton *>(QStringLiteral("saveKeyValue"))->click();
        QVERIFY(answer(QStringLiteral("Store")));
        QTRY_COMPARE_WITH_TIMEOUT(failures.size(), 1, 30000);
        QCOMPARE(admin.command({ "GET", key(Shop, "greeting") }).text, QByteArray("plugin's"));
        QCOMPARE(changes.size(), 1);

        // Deleting: Cancel keeps the key, Delete removes it and its row.
        select(view, "cart:5");
        QTRY_VERIFY_WITH_TIMEOUT(viewer->valueText().contains(QStringLiteral("items")), 30000);
        viewer->findChild<QPushButton *>(QStringLiteral("deleteKeyValue"))->click();
        QVERIFY(answer(QStringLiteral("Cancel")));
        QTest::qWait(200);
        QCOMPARE(admin.command({ "EXISTS", key(Shop, "cart:5") }).integer, 1);
        viewer->findChild<QPushButton *>(QStringLiteral("deleteKeyValue"))->click();
        QVERIFY(answer(QStringLiteral("Delete")));
        QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 2, 30000);
        QCOMPARE(changes.at(1).at(0).toString(), QStringLiteral("app.kv-delete"));
        QVERIFY2(changes.at(1).at(2).toString().contains(QStringLiteral("cart:5")),
                 qPrintable(changes.at(1).at(2).toString()));
        QCOMPARE(admin.command({ "EXISTS", key(Shop, "cart:5") }).integer, 0);
        QCOMPARE(view.keys()->rowCount(), ShopKeys - 1);
        QCOMPARE(admin.command({ "EXISTS", key(Shop, "cart:6") }).integer, 1);
    }

    // One element of a hash, list, set or sorted set is edited in place,
    // audited like a string, and only if it still holds what was shown.
    void elementsAreEditedOneAtATime()
    {
        const QString app = QStringLiteral("app4000003");
        ValkeyConnection &admin = m_server.adminConnection();
        for (const ValkeyReply &reply : admin.pipeline({ { "HSET", key(app, "user:1"), "name", "Ann", "plan", "basic" },
                                                         { "RPUSH", key(app, "queue"), "first", "second" },
                                                         { "SADD", key(app, "tags"), "red", "blue" },
                                                         { "ZADD", key(app, "scores"), "10", "ann", "20", "bob" } }))
            QVERIFY2(!reply.isError(), reply.text.constData());
        PlatformServicesView view(app, QStringLiteral("Elements"));
        view.resize(1200, 800);
        view.show();
        view.setBrowser(m_browser.get());
        QTRY_COMPARE_WITH_TIMEOUT(view.keys()->rowCount(), 4, 30000);
        QSignalSpy changes(&view, &PlatformServicesView::changed);
        QSignalSpy failures(&view, &PlatformServicesView::failed);

        editElement(view, "user:1", QStringLiteral("name"), QStringLiteral("Anna"));
        QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 1, 30000);
        QCOMPARE(admin.command({ "HGET", key(app, "user:1"), "name" }).text, QByteArray("Anna"));
        QCOMPARE(admin.command({ "HGET", key(app, "user:1"), "plan" }).text, QByteArray("basic"));
        editElement(view, "queue", QStringLiteral("second"), QStringLiteral("2nd"));
        QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 2, 30000);
        QCOMPARE(admin.command({ "LINDEX", key(app, "queue"), "1" }).text, QByteArray("2nd"));
        QCOMPARE(admin.command({ "LINDEX", key(app, "queue"), "0" }).text, QByteArray("first"));
        editElement(view, "tags", QStringLiteral("red"), QStringLiteral("green"));
        QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 3, 30000);
        QCOMPARE(admin.command({ "SISMEMBER", key(app, "tags"), "green" }).integer, 1);
        QCOMPARE(admin.command({ "SISMEMBER", key(app, "tags"), "red" }).integer, 0);
        editElement(view, "scores", QStringLiteral("bob"), QStringLiteral("25"));
        QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 4, 30000);
        QCOMPARE(admin.command({ "ZSCORE", key(app, "scores"), "bob" }).text, QByteArray("25"));
        for (const QList<QVariant> &change : std::as_const(changes))
            QCOMPARE(change.at(0).toString(), QStringLiteral("app.kv-set"));
        QVERIFY(failures.isEmpty());

        // A score that is not a number is refused, the old one kept.
        editElement(view, "scores", QStringLiteral("ann"), QStringLiteral("lots"));
        QTRY_COMPARE_WITH_TIMEOUT(failures.size(), 1, 30000);
        QCOMPARE(admin.command({ "ZSCORE", key(app, "scores"), "ann" }).text, QByteArray("10"));
        // Renaming a set member onto another would lose one: refused.
        editElement(view, "tags", QStringLiteral("blue"), QStringLiteral("green"));
        QTRY_COMPARE_WITH_TIMEOUT(failures.size(), 2, 30000);
        QCOMPARE(admin.command({ "SCARD", key(app, "tags") }).integer, 2);
        // The plugin writes the field while the admin edits it: refused.
        KeyValueViewer *viewer = view.viewer();
        select(view, "user:1");
        QTRY_VERIFY_WITH_TIMEOUT(!viewer->isLoading() && viewer->tableRows() == 2, 30000);
        auto *table = viewer->findChild<QTableView *>(QStringLiteral("keyValueElements"));
        for (int r = 0; r < table->model()->rowCount(); ++r)
            if (table->model()->index(r, 0).data().toString() == QLatin1String("plan"))
                table->setCurrentIndex(table->model()->index(r, 0));
        viewer->findChild<QPushButton *>(QStringLiteral("editKeyValue"))->click();
        viewer->findChild<QPlainTextEdit *>(QStringLiteral("keyValueText"))->setPlainText(QStringLiteral("free"));
        QVERIFY(!admin.command({ "HSET", key(app, "user:1"), "plan", "pro" }).isError());
        viewer->findChild<QPushButton *>(QStringLiteral("saveKeyValue"))->click();
        QVERIFY(answer(QStringLiteral("Store")));
        QTRY_COMPARE_WITH_TIMEOUT(failures.size(), 3, 30000);
        QVERIFY2(failures.last().at(0).toString().contains(QLatin1String("changed since it was shown")),
                 qPrintable(failures.last().at(0).toString()));
        QCOMPARE(admin.command({ "HGET", key(app, "user:1"), "plan" }).text, QByteArray("pro"));
        QCOMPARE(changes.size(), 4);
    }

    void withoutAStoreTheTabSaysWhy()
    {
        PlatformServicesView view(Shop, QStringLiteral("Shop"));
        view.setBrowser(nullptr, QStringLiteral("This profile has no key/value store."));
        QCOMPARE(view.summaryText(), QStringLiteral("This profile has no key/value store."));
        QCOMPARE(view.keys()->rowCount(), 0);
        QVERIFY(!view.keys()->canFetchMore({}));
    }
};

QTEST_MAIN(TestPlatformServicesView)
#include "tst_platformservicesview.moc"
