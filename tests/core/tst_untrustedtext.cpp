// UntrustedText: the one way third-party text reaches the screen (issue 24).
#include "core/util/untrustedtext.h"

#include <QElapsedTimer>
#include <QTest>
#include <QTextDocument>

using namespace Dockmaster;

namespace {

constexpr char16_t Fsi = 0x2068;
constexpr char16_t Pdi = 0x2069;

// No character that hides or reorders text is left raw, except balanced
// isolates that UntrustedText itself puts around a field.
QString rawSpoofCharacters(const QString &shown)
{
    QString found;
    int depth = 0;
    for (const QChar c : shown) {
        if (c == QChar(Fsi)) {
            ++depth;
            continue;
        }
        if (c == QChar(Pdi)) {
            if (--depth < 0)
                found += QStringLiteral("unbalanced PDI ");
            continue;
        }
        if (c != QLatin1Char('\n') && UntrustedText::isHidden(c.unicode()))
            found += QStringLiteral("U+%1 ").arg(c.unicode(), 4, 16, QLatin1Char('0'));
    }
    if (depth != 0)
        found += QStringLiteral("unbalanced FSI");
    return found;
}

} // namespace

class TestUntrustedText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void spoofsAreMadeVisible_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("marker");
        QTest::newRow("RLO in a file name") << QStringLiteral("notes\u202Etxt.php") << QStringLiteral("⟨U+202E⟩");
        QTest::newRow("RLO in an owner") << QStringLiteral("dev02\u202Enimda") << QStringLiteral("⟨U+202E⟩");
        QTest::newRow("LRI") << QStringLiteral("a\u2066b") << QStringLiteral("⟨U+2066⟩");
        QTest::newRow("PDI closes our isolate") << QStringLiteral("a\u2069 (#5)") << QStringLiteral("⟨U+2069⟩");
        QTest::newRow("zero-width space") << QStringLiteral("ad\u200Bmin") << QStringLiteral("⟨U+200B⟩");
        QTest::newRow("zero-width joiner") << QStringLiteral("ad\u200Dmin") << QStringLiteral("⟨U+200D⟩");
        QTest::newRow("BOM") << QStringLiteral("\uFEFFadmin") << QStringLiteral("⟨U+FEFF⟩");
        QTest::newRow("RLM") << QStringLiteral("v1\u200F.0") << QStringLiteral("⟨U+200F⟩");
        QTest::newRow("escape") << QStringLiteral("red\u001B[31m") << QStringLiteral("⟨U+001B⟩");
        QTest::newRow("NUL") << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b"))
                             << QStringLiteral("⟨U+0000⟩");
        QTest::newRow("tag character") << QString::fromUcs4(U"x\U000E0041y") << QStringLiteral("⟨U+E0041⟩");
    }

    void spoofsAreMadeVisible()
    {
        QFETCH(QString, text);
        QFETCH(QString, marker);
        QVERIFY(UntrustedText::hasHiddenCharacters(text));
        for (const QString &shown : { UntrustedText::line(text), UntrustedText::block(text) }) {
            QVERIFY2(shown.contains(marker), qPrintable(shown));
            QVERIFY2(shown.startsWith(UntrustedText::badge()), qPrintable(shown));
            QVERIFY2(rawSpoofCharacters(shown).isEmpty(), qPrintable(rawSpoofCharacters(shown)));
            // Isolated: the field starts with FSI after the badge and ends with PDI.
            QCOMPARE(shown.at(UntrustedText::badge().size()), QChar(Fsi));
            QCOMPARE(shown.back(), QChar(Pdi));
        }
        QVERIFY(UntrustedText::toolTip(text).contains(marker));
    }

    void rightToLeftTextIsIsolated()
    {
        const QString hebrew = QStringLiteral("שלום");
        QCOMPARE(UntrustedText::line(hebrew), QString(QChar(Fsi) + hebrew + QChar(Pdi)));
        QVERIFY(!UntrustedText::hasHiddenCharacters(hebrew));
        // Plain ASCII cannot reorder left-to-right console text: left as is.
        QCOMPARE(UntrustedText::line(QStringLiteral("v1.2.3")), QStringLiteral("v1.2.3"));
    }

    void newlinesAreFoldedInOneLinePlaces()
    {
        const QString forged = QStringLiteral("Fix typo\n\nApproved by security team: OK\r\nreally\u2028sep");
        const QString shown = UntrustedText::line(forged);
        QVERIFY(!shown.contains(QLatin1Char('\n')));
        QVERIFY(!shown.contains(QLatin1Char('\r')));
        QVERIFY(!shown.contains(QChar(0x2028)));
        QVERIFY(shown.contains(QStringLiteral("⏎")));
        QVERIFY(UntrustedText::block(forged).contains(QLatin1Char('\n')));
    }

    void lengthIsCapped()
    {
        const QString title = QString(200, QLatin1Char('W'));
        const QString shown = UntrustedText::line(title);
        QVERIFY(shown.size() <= UntrustedText::LineLimit + 3); // ellipsis and the isolate
        QVERIFY(shown.contains(QStringLiteral("…")));
        // A surrogate pair is never split.
        const QString emoji = QString::fromUcs4(U"\U0001F600").repeated(200);
        const QString cut = UntrustedText::line(emoji, 5);
        QVERIFY(!cut.contains(QChar::ReplacementCharacter));
        for (qsizetype i = 0; i < cut.size(); ++i)
            QVERIFY(!cut.at(i).isHighSurrogate() || (i + 1 < cut.size() && cut.at(i + 1).isLowSurrogate()));
    }

    void markupIsNeverInterpreted()
    {
        const QString html = QStringLiteral("<h1>big</h1><img src=\"http://127.0.0.1:9/x.png\"><a href=\"x\">l</a>"
                                            "<table width=2500 bgcolor=red><tr><td>t</td></tr></table>");
        const QString tip = UntrustedText::toolTip(html);
        QVERIFY(Qt::mightBeRichText(tip)); // rich text that shows the markup as characters
        QTextDocument document;
        document.setHtml(tip);
        QVERIFY2(document.toPlainText().contains(QStringLiteral("<h1>big</h1>")), qPrintable(document.toPlainText()));
        QVERIFY(document.toPlainText().contains(QStringLiteral("<img src=")));
        QVERIFY(!tip.contains(QStringLiteral("<img")));
        // Plain text stays plain text.
        QVERIFY(UntrustedText::line(html).contains(QStringLiteral("<h1>")));
    }

    void aMegabyteIsCheap()
    {
        QString huge;
        huge.reserve(1024 * 1024 + 16);
        while (huge.size() < 1024 * 1024)
            huge += QStringLiteral("Release notes without any line break, repeated over and over. ");
        huge += QChar(0x202E);
        QElapsedTimer timer;
        timer.start();
        const QString shownLine = UntrustedText::line(huge);
        const QString tip = UntrustedText::toolTip(huge);
        const QString details = UntrustedText::details(huge);
        const qint64 ms = timer.elapsed();
        QVERIFY(shownLine.size() < 400);
        QVERIFY(tip.size() < UntrustedText::BlockLimit * 2);
        QVERIFY(details.size() < UntrustedText::DetailLimit * 2);
        QVERIFY(shownLine.startsWith(UntrustedText::badge())); // the spoof at the very end is still reported
        // Generous for a sanitizer build on a busy machine; the work is bounded, not O(n) layout.
        QVERIFY2(ms < 2000, qPrintable(QString::number(ms)));
        // Details break long lines so a text layout never measures a megabyte in one line.
        const QStringList lines = details.split(QLatin1Char('\n'));
        for (const QString &l : lines)
            QVERIFY(l.size() <= 400);
    }
};

QTEST_MAIN(TestUntrustedText)
#include "tst_untrustedtext.moc"
