// Tag and branch names a hostile plugin developer chose (issue 15, "Hostile
// third parties"): control characters, bidi overrides and characters that
// imitate ASCII. Shown revealed in the tags panel, the review and the
// approval confirmation; approving a look-alike of a tag needs a tick.
#include "core/review/reviewresult.h"
#include "core/util/lookalike.h"
#include "models/tagsmodel.h"
#include "views/review/approvalconfirmdialog.h"
#include "views/review/reviewpane.h"

#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTest>

using namespace Dockmaster;

namespace {

ReleaseRequest request(const QString &ref)
{
    ReleaseRequest r;
    r.projectId = 7;
    r.iid = 3;
    r.appId = QStringLiteral("app0000042");
    r.environment = Environment::Production;
    r.requestedRef = ref;
    r.resolvedSha = QString(40, QLatin1Char('c'));
    r.requester = QStringLiteral("dev01");
    return r;
}

QString shownName(const QString &name)
{
    TagsModel model;
    TagRecord tag;
    tag.appId = QStringLiteral("app0000042");
    tag.name = name;
    tag.sha = QString(40, QLatin1Char('a'));
    model.setTags(tag.appId, { tag });
    return model.index(0, TagsModel::NameColumn).data().toString();
}

} // namespace

class TestHostileRefs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Each row: a hostile name, what must be shown of it, what it imitates.
    void namesAreShownRevealed_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("shown");
        QTest::addColumn<QString>("imitates"); // empty: not a look-alike
        QTest::newRow("Cyrillic а") << QStringLiteral("v1.0.0-betа") << QStringLiteral("v1.0.0-bet⟨U+0430⟩")
                                    << QStringLiteral("v1.0.0-beta");
        QTest::newRow("Cyrillic о for zero")
            << QStringLiteral("v1.о.0") << QStringLiteral("v1.⟨U+043E⟩.0") << QStringLiteral("v1.o.0");
        QTest::newRow("division slash") << QStringLiteral("release∕1.0") << QStringLiteral("release⟨U+2215⟩1.0")
                                        << QStringLiteral("release/1.0");
        QTest::newRow("one dot leader") << QStringLiteral("v1․0․0") << QStringLiteral("v1⟨U+2024⟩0⟨U+2024⟩0")
                                        << QStringLiteral("v1.0.0");
        QTest::newRow("fullwidth v") << QStringLiteral("ｖ1.0.0") << QStringLiteral("⟨U+FF56⟩1.0.0")
                                     << QStringLiteral("v1.0.0");
        QTest::newRow("en dash") << QStringLiteral("v1.0.0–rc1") << QStringLiteral("v1.0.0⟨U+2013⟩rc1")
                                 << QStringLiteral("v1.0.0-rc1");
        QTest::newRow("bidi override") << QStringLiteral("v1.0.0\u202Eexe.") << QStringLiteral("v1.0.0⟨U+202E⟩exe.")
                                       << QString();
        QTest::newRow("escape sequence") << QStringLiteral("v1.0.0\u001b[8m") << QStringLiteral("⟨U+001B⟩[8m")
                                         << QString();
        QTest::newRow("zero width") << QStringLiteral("v1.0\u200B.0") << QStringLiteral("v1.0⟨U+200B⟩.0") << QString();
        QTest::newRow("plain") << QStringLiteral("v1.0.0") << QStringLiteral("v1.0.0") << QString();
        QTest::newRow("Chinese") << QStringLiteral("发布-1.0") << QStringLiteral("发布-1.0") << QString();
    }

    void namesAreShownRevealed()
    {
        QFETCH(QString, name);
        QFETCH(QString, shown);
        QFETCH(QString, imitates);
        QCOMPARE(Lookalike::hasLookalikes(name), !imitates.isEmpty());
        if (!imitates.isEmpty())
            QCOMPARE(Lookalike::skeleton(name), imitates);

        // The tags panel.
        const QString cell = shownName(name);
        QVERIFY2(cell.contains(shown), qPrintable(cell));
        const bool hostile = name != QLatin1String("v1.0.0") && name != QStringLiteral("发布-1.0");
        QCOMPARE(cell.startsWith(QStringLiteral("⚠")), hostile);
        for (const QChar c : cell)
            QVERIFY2(c.unicode() >= 0x20 && c != QChar(0x202E) && c != QChar(0x200B), qPrintable(cell));

        // The review's requested version.
        ReviewPane pane(nullptr);
        pane.setRequest(request(name));
        const auto *ref = pane.findChild<QLabel *>(QStringLiteral("reviewRef"));
        QVERIFY(ref);
        QVERIFY2(ref->text().contains(shown), qPrintable(ref->text()));
        QCOMPARE(ref->textFormat(), Qt::PlainText);

        // The approval confirmation: a look-alike needs its own tick.
        ReviewResult review;
        review.toSha = QString(40, QLatin1Char('c'));
        review.scanTotal = review.scanned = 1;
        ApprovalConfirmDialog dialog(request(name), &review);
        QVERIFY2(dialog.text().contains(shown), qPrintable(dialog.text()));
        QCOMPARE(dialog.approveButton()->isEnabled(), imitates.isEmpty());
        if (imitates.isEmpty())
            return;
        QListWidget *list = dialog.acknowledgements();
        QVERIFY(list);
        QCOMPARE(list->count(), 1);
        QListWidgetItem *item = list->item(0);
        QVERIFY2(item->text().contains(QStringLiteral("reads as")) && item->text().contains(imitates),
                 qPrintable(item->text()));
        item->setCheckState(Qt::Checked);
        QVERIFY(dialog.approveButton()->isEnabled());
        QCOMPARE(dialog.acknowledgedItems().size(), 1);
        QVERIFY2(dialog.acknowledgedItems().first().startsWith(QStringLiteral("lookalike ref ")),
                 qPrintable(dialog.acknowledgedItems().first()));
    }

    // A megabyte of look-alikes is shown cut, without work on all of it.
    void hugeNameIsBounded()
    {
        const QString huge = QString(1024 * 1024, QChar(0x0430));
        const QString cell = shownName(huge);
        QVERIFY(cell.size() < 80 * 10);
        QVERIFY(cell.contains(QStringLiteral("⟨U+0430⟩")));
    }
};

QTEST_MAIN(TestHostileRefs)
#include "tst_hostilerefs.moc"
