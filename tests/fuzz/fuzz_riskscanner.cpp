// libFuzzer target: the PHP tokenizer in each start state and the risk scanner
// on a whole file and on the same text as a new-file patch. Input bytes are
// read as PHP reads them (one character per byte) when they are not UTF-8.
#include "core/review/phptokenizer.h"
#include "core/review/riskscanner.h"
#include "core/review/unifieddiff.h"

#include <QStringDecoder>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Dockmaster;
    const QByteArrayView bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString source = utf8.decode(bytes);
    if (utf8.hasError())
        source = QString::fromLatin1(bytes);
    for (const auto start :
         { PhpTokenizer::StartState::Html, PhpTokenizer::StartState::Php, PhpTokenizer::StartState::BlockComment })
        (void)PhpTokenizer::tokenize(source, start);
    const RiskScanner scanner;
    for (const RiskFlag &flag : scanner.scanSource(QStringLiteral("web/index.php"), source)) {
        if (flag.line < 0)
            __builtin_trap();
    }
    FileDiff diff;
    diff.newPath = QStringLiteral("web/index.php");
    diff.oldPath = diff.newPath;
    diff.diff = source;
    (void)scanner.scan(diff);
    return 0;
}
