#include "models/applicationsfiltermodel.h"
#include "models/applicationsmodel.h"
#include "models/modelroles.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Dockmaster;

namespace {

AppRecord app(const QString &id, const QString &name, const QString &host,
              const QString &status = QStringLiteral("active"))
{
    AppRecord record;
    record.id = id;
    record.name = name;
    record.owner = QStringLiteral("dev-") + name.toLower();
    record.status = status;
    EnvironmentState test;
    test.environment = Environment::Test;
    test.host = host;
    test.domain = id + QStringLiteral(".test.plugins.example.com");
    test.liveRef = QStringLiteral("v1.0.0");
    test.liveSha = QStringLiteral("abcdef0123456789abcdef0123456789abcdef01");
    record.environments.append(test);
    return record;
}

} // namespace

class TestApplicationsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mergeKeepsPersistentIndexesAndSignalsChanges()
    {
        ApplicationsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setItems({ app(QStringLiteral("app0000003"), QStringLiteral("Gamma"), QStringLiteral("h1")),
                         app(QStringLiteral("app0000001"), QStringLiteral("Alpha"), QStringLiteral("h1")) });
        QCOMPARE(model.rowCount(), 2);
        QPersistentModelIndex gamma = model.index(1, ApplicationsModel::NameColumn);
        QCOMPARE(gamma.data().toString(), QStringLiteral("Gamma"));

        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removals(&model, &QAbstractItemModel::rowsRemoved);
        AppRecord renamed = app(QStringLiteral("app0000003"), QStringLiteral("Gamma 2"), QStringLiteral("h2"));
        model.setItems({ renamed, app(QStringLiteral("app0000002"), QStringLiteral("Beta"), QStringLiteral("h1")) });

        QCOMPARE(resets.count(), 0);   // merged, never reset
        QCOMPARE(removals.count(), 1); // Alpha went away
        QCOMPARE(inserts.count(), 1);  // Beta arrived
        QCOMPARE(changes.count(), 1);  // Gamma changed
        QVERIFY(gamma.isValid());      // a selection on Gamma would survive
        QCOMPARE(gamma.data().toString(), QStringLiteral("Gamma 2"));
        QCOMPARE(model.index(gamma.row(), ApplicationsModel::HostColumn).data().toString(), QStringLiteral("h2"));

        QSignalSpy anyChange(&model, &QAbstractItemModel::dataChanged);
        model.setItems(model.items()); // same data: nothing happens
        QCOMPARE(anyChange.count(), 0);
    }

    void displaysVersionsAndDomains()
    {
        ApplicationsModel model;
        model.setItems({ app(QStringLiteral("app0000001"), QStringLiteral("Alpha"), QStringLiteral("dock-test-1")) });
        QCOMPARE(model.index(0, ApplicationsModel::TestVersionColumn).data().toString(),
                 QStringLiteral("v1.0.0 (abcdef01)"));
        QCOMPARE(model.index(0, ApplicationsModel::ProductionVersionColumn).data().toString(),
                 QStringLiteral("not deployed"));
        QCOMPARE(model.index(0, ApplicationsModel::DomainsColumn).data().toString(),
                 QStringLiteral("app0000001.test.plugins.example.com"));
        QCOMPARE(model.headerData(ApplicationsModel::IdColumn, Qt::Horizontal).toString(), QStringLiteral("ID"));
    }

    void filtersByTextEnvironmentHostAndStatus_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("environment");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("no filter") << QString() << QString() << QString() << QString()
                                   << QStringList { QStringLiteral("app0000001"), QStringLiteral("app0000002"),
                                                    QStringLiteral("app0000003") };
        QTest::newRow("name word") << QStringLiteral("shop") << QString() << QString() << QString()
                                   << QStringList { QStringLiteral("app0000002") };
        QTest::newRow("two words any order") << QStringLiteral("test.plugins 0003") << QString() << QString()
                                             << QString() << QStringList { QStringLiteral("app0000003") };
        QTest::newRow("owner, case-insensitive") << QStringLiteral("DEV-WIKI") << QString() << QString() << QString()
                                                 << QStringList { QStringLiteral("app0000001") };
        QTest::newRow("host") << QString() << QString() << QStringLiteral("h2") << QString()
                              << QStringList { QStringLiteral("app0000002") };
        QTest::newRow("status") << QString() << QString() << QString() << QStringLiteral("failed")
                                << QStringList { QStringLiteral("app0000003") };
        QTest::newRow("production: none")
            << QString() << QStringLiteral("production") << QString() << QString() << QStringList {};
        QTest::newRow("no match") << QStringLiteral("nothing-like-this") << QString() << QString() << QString()
                                  << QStringList {};
    }

    void filtersByTextEnvironmentHostAndStatus()
    {
        QFETCH(QString, text);
        QFETCH(QString, environment);
        QFETCH(QString, host);
        QFETCH(QString, status);
        QFETCH(QStringList, expected);
        ApplicationsModel model;
        model.setItems({ app(QStringLiteral("app0000001"), QStringLiteral("Wiki"), QStringLiteral("h1")),
                         app(QStringLiteral("app0000002"), QStringLiteral("Shop"), QStringLiteral("h2")),
                         app(QStringLiteral("app0000003"), QStringLiteral("Blog"), QStringLiteral("h1"),
                             QStringLiteral("failed")) });
        ApplicationsFilterModel filter;
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setSourceModel(&model);
        filter.setSearchText(text);
        filter.setEnvironment(environmentFromKey(environment));
        filter.setHost(host);
        filter.setStatus(status);
        QStringList ids;
        for (int row = 0; row < filter.rowCount(); ++row)
            ids.append(filter.index(row, 0).data(Roles::AppIdRole).toString());
        ids.sort();
        QCOMPARE(ids, expected);
    }
};

QTEST_MAIN(TestApplicationsModel)
#include "tst_applicationsmodel.moc"
