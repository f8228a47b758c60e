// A link given to Dockmaster (a second start's argument) finds the app or the
// release request it names in the cache, and nothing it does not name.
#include "core/domain/linktarget.h"

#include <QTest>

using namespace Dockmaster;
using namespace Qt::StringLiterals;

class TestLinkTarget : public QObject
{
    Q_OBJECT
private:
    static QList<AppRecord> apps()
    {
        AppRecord shop;
        shop.id = QStringLiteral("app0000007");
        shop.name = QStringLiteral("Shop");
        shop.codeWebUrl = QStringLiteral("https://gitlab.example.com/plugins/shop");
        shop.opsWebUrl = QStringLiteral("https://gitlab.example.com/platform/apps/app0000007");
        AppRecord admin;
        admin.id = QStringLiteral("app0000008");
        admin.name = QStringLiteral("Shop admin");
        admin.codeWebUrl = QStringLiteral("https://gitlab.example.com/plugins/shop-admin");
        admin.opsWebUrl = QStringLiteral("https://gitlab.example.com/platform/apps/app0000008");
        return { shop, admin };
    }
    static QList<ReleaseRequest> requests()
    {
        ReleaseRequest request;
        request.projectId = 41;
        request.iid = 12;
        request.appId = QStringLiteral("app0000008");
        request.webUrl = QStringLiteral("https://gitlab.example.com/plugins/shop-admin/-/issues/12");
        return { request };
    }

private Q_SLOTS:
    void resolves_data()
    {
        QTest::addColumn<QString>("link");
        QTest::addColumn<QString>("appId");
        QTest::addColumn<qint64>("requestIid");    // 0: no request
        QTest::addColumn<qint64>("uncachedIssue"); // an issue of the app's code project the cache does not have

        const QString request = requests().first().webUrl;
        const QString shop = u"app0000007"_s;
        const QString admin = u"app0000008"_s;
        QTest::newRow("request") << request << admin << qint64(12) << qint64(0);
        QTest::newRow("request, anchor of a comment") << request + u"#note_301"_s << admin << qint64(12) << qint64(0);
        QTest::newRow("request, trailing slash and query")
            << request + u"/?tab=notes"_s << admin << qint64(12) << qint64(0);
        QTest::newRow("request, other case, spaces")
            << u"  "_s + request.toUpper() + u"\n"_s << admin << qint64(12) << qint64(0);
        QTest::newRow("request not in the cache: its app")
            << u"https://gitlab.example.com/plugins/shop-admin/-/issues/13"_s << admin << qint64(0) << qint64(13);
        QTest::newRow("comment of a request not in the cache")
            << u"https://gitlab.example.com/plugins/shop-admin/-/issues/13/#note_2"_s << admin << qint64(0)
            << qint64(13);
        QTest::newRow("issue list is no issue")
            << u"https://gitlab.example.com/plugins/shop-admin/-/issues"_s << admin << qint64(0) << qint64(0);
        QTest::newRow("issue of the management project is no request")
            << u"https://gitlab.example.com/platform/apps/app0000008/-/issues/3"_s << admin << qint64(0) << qint64(0);
        QTest::newRow("code project") << u"https://gitlab.example.com/plugins/shop"_s << shop << qint64(0) << qint64(0);
        QTest::newRow("code project page")
            << u"https://gitlab.example.com/plugins/shop/-/tree/main/src"_s << shop << qint64(0) << qint64(0);
        QTest::newRow("longer name is not a sub-page")
            << u"https://gitlab.example.com/plugins/shop-admin"_s << admin << qint64(0) << qint64(0);
        QTest::newRow("management project")
            << u"https://gitlab.example.com/platform/apps/app0000007/-/commits/env/production"_s << shop << qint64(0)
            << qint64(0);
        QTest::newRow("app id") << u"APP0000007"_s << shop << qint64(0) << qint64(0);
        QTest::newRow("app name") << u"shop admin"_s << admin << qint64(0) << qint64(0);
        QTest::newRow("another GitLab") << u"https://gitlab.other.example/plugins/shop"_s << QString() << qint64(0)
                                        << qint64(0);
        QTest::newRow("a project that only starts alike")
            << u"https://gitlab.example.com/plugins/shopping"_s << QString() << qint64(0) << qint64(0);
        QTest::newRow("parent group") << u"https://gitlab.example.com/plugins"_s << QString() << qint64(0) << qint64(0);
        QTest::newRow("empty") << u"   "_s << QString() << qint64(0) << qint64(0);
        QTest::newRow("only an anchor") << u"#note_1"_s << QString() << qint64(0) << qint64(0);
    }
    void resolves()
    {
        QFETCH(QString, link);
        QFETCH(QString, appId);
        QFETCH(qint64, requestIid);
        QFETCH(qint64, uncachedIssue);
        const std::optional<LinkTarget> target = resolveLink(link, apps(), requests());
        QCOMPARE(target.has_value(), !appId.isEmpty());
        if (!target)
            return;
        QCOMPARE(target->appId, appId);
        QCOMPARE(target->request.has_value(), requestIid != 0);
        if (target->request)
            QCOMPARE(target->request->iid, requestIid);
        QCOMPARE(target->uncachedIssueIid, uncachedIssue);
    }
};

QTEST_GUILESS_MAIN(TestLinkTarget)
#include "tst_linktarget.moc"
