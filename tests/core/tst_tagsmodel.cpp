#include "models/deploymentsmodel.h"
#include "models/tagsmodel.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QTest>

using namespace Dockmaster;

namespace {

QList<TagRecord> tags(int count)
{
    QList<TagRecord> list;
    const QDateTime start(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::UTC);
    for (int i = 0; i < count; ++i) {
        TagRecord tag;
        tag.appId = QStringLiteral("app0000001");
        tag.name = QStringLiteral("v1.%1.0").arg(i);
        tag.sha = QStringLiteral("%1").arg(i, 40, 16, QLatin1Char('0'));
        tag.author = QStringLiteral("alice");
        tag.message = QStringLiteral("Release %1\n\ndetails").arg(i);
        tag.createdAt = start.addDays(i);
        list.append(tag);
    }
    return list;
}

} // namespace

class TestTagsModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void pagesThroughFetchMoreNewestFirst()
    {
        // No QAbstractItemModelTester here: it calls fetchMore() itself from its
        // reset handler, which would drain the batches this test counts. The
        // tester runs on the same model in marksLiveTags().
        TagsModel model;
        model.setTags(QStringLiteral("app0000001"), tags(120));
        QCOMPARE(model.totalCount(), 120);
        QCOMPARE(model.rowCount(), TagsModel::BatchSize);
        QCOMPARE(model.index(0, TagsModel::NameColumn).data().toString(), QStringLiteral("v1.119.0"));
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 2 * TagsModel::BatchSize);
        model.fetchMore({});
        QCOMPARE(model.rowCount(), 120);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.index(119, TagsModel::NameColumn).data().toString(), QStringLiteral("v1.0.0"));
        QCOMPARE(model.index(0, TagsModel::MessageColumn).data().toString(), QStringLiteral("Release 119"));
    }

    void marksLiveTags()
    {
        TagsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QList<TagRecord> list = tags(5);
        model.setTags(QStringLiteral("app0000001"), list);
        model.setLiveShas(list.at(4).sha, list.at(2).sha);
        QCOMPARE(model.index(0, TagsModel::LiveColumn).data().toString(), QStringLiteral("Test"));
        QCOMPARE(model.index(2, TagsModel::LiveColumn).data().toString(), QStringLiteral("Production"));
        QVERIFY(model.index(2, TagsModel::NameColumn).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(model.index(1, TagsModel::LiveColumn).data().toString().isEmpty());
    }

    void deploymentsNewestFirstAndMerged()
    {
        DeploymentsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<DeploymentRecord> list;
        for (int id : { 3, 10, 7 }) {
            DeploymentRecord deployment;
            deployment.appId = QStringLiteral("app0000001");
            deployment.id = id;
            deployment.status = QStringLiteral("success");
            deployment.environment = id == 10 ? Environment::Production : Environment::Test;
            list.append(deployment);
        }
        model.setItems(list);
        QCOMPARE(model.itemAt(0).id, 10);
        QCOMPARE(model.itemAt(2).id, 3);
        QCOMPARE(model.index(0, DeploymentsModel::EnvironmentColumn).data().toString(), QStringLiteral("Production"));
        list[0].status = QStringLiteral("failed");
        model.setItems(list);
        QCOMPARE(model.index(2, DeploymentsModel::StatusColumn).data().toString(), QStringLiteral("Failed"));
    }
};

QTEST_MAIN(TestTagsModel)
#include "tst_tagsmodel.moc"
