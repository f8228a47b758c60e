// zh_CN must be complete: lupdate is run over the current sources into a copy
// of the shipped catalog, and every message must have a finished translation.
#include "models/applicationsmodel.h"
#include "models/releaserequestsmodel.h"
#include "views/mainwindow.h"
#include "views/shell/translations.h"

#include <QApplication>
#include <QDockWidget>
#include <QMenuBar>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Dockmaster;

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void chineseCatalogIsComplete()
    {
        QTemporaryDir dir;
        const QString source = QStringLiteral(DOCKMASTER_SOURCE_DIR);
        const QString catalog = dir.filePath(QStringLiteral("dockmaster_zh_CN.ts"));
        QVERIFY(QFile::copy(source + QStringLiteral("/translations/dockmaster_zh_CN.ts"), catalog));
        QFile::setPermissions(catalog, QFile::ReadOwner | QFile::WriteOwner);
        QProcess lupdate;
        lupdate.setProcessChannelMode(QProcess::MergedChannels);
        lupdate.start(QStringLiteral(LUPDATE_EXECUTABLE),
                      { QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                        // The one include root: lupdate resolves each class's context through it.
                        QStringLiteral("-I"), source, source + QStringLiteral("/core"),
                        source + QStringLiteral("/models"), source + QStringLiteral("/views"),
                        source + QStringLiteral("/sandbox"), source + QStringLiteral("/app"), QStringLiteral("-ts"),
                        catalog });
        QVERIFY(lupdate.waitForFinished(120000));
        QCOMPARE(lupdate.exitCode(), 0);

        QFile file(catalog);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QStringList untranslated;
        QStringList misfiled;
        int messages = 0;
        QString currentSource;
        QXmlStreamReader xml(&file);
        while (!xml.atEnd()) {
            if (!xml.readNextStartElement())
                continue;
            if (xml.name() == QLatin1String("name")) {
                // A bare namespace as context means a tr() outside any class
                // (a file-local helper): lupdate files its strings there, but
                // nothing looks them up there, so they stay English.
                const QString context = xml.readElementText();
                if (context == QLatin1String("Dockmaster"))
                    misfiled.append(context);
            } else if (xml.name() == QLatin1String("message")) {
                ++messages;
            } else if (xml.name() == QLatin1String("source")) {
                currentSource = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                const bool unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (unfinished || text.trimmed().isEmpty())
                    untranslated.append(currentSource);
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY2(messages > 100, "the catalog looks empty");
        QVERIFY2(misfiled.isEmpty(),
                 "strings filed under the bare namespace Dockmaster: use a class's tr() "
                 "(Q_DECLARE_TR_FUNCTIONS) so lupdate files them where they are looked up");
        QVERIFY2(untranslated.isEmpty(),
                 qPrintable(QStringLiteral("untranslated: ") + untranslated.join(QStringLiteral(" | "))));
    }

    void chineseSwitchesTheWindow()
    {
        QCOMPARE(installTranslations(qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        ApplicationsModel applications;
        ReleaseRequestsModel requests;
        MainWindow window(&applications, &requests);
        QCOMPARE(window.findChild<QDockWidget *>(QStringLiteral("applicationsDock"))->windowTitle(),
                 QStringLiteral("应用列表"));
        QCOMPARE(window.findChild<QDockWidget *>(QStringLiteral("approvalsDock"))->windowTitle(),
                 QStringLiteral("待审批发布"));
        QCOMPARE(window.findChild<QDockWidget *>(QStringLiteral("tagHistoryDock"))->windowTitle(),
                 QStringLiteral("标签历史"));
        QCOMPARE(window.findChild<QDockWidget *>(QStringLiteral("logsDock"))->windowTitle(),
                 QStringLiteral("容器日志"));
        QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("文件(&F)"));
        QCOMPARE(applications.headerData(ApplicationsModel::NameColumn, Qt::Horizontal).toString(),
                 QStringLiteral("名称"));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
