#include "core/render/yamlsyntax.h"

#include <QCoreApplication>

#include <sstream>
#include <string>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

namespace Dockmaster {
namespace {

// Thrown from the event handler to stop the parse; carries the mark of the
// collection that went too deep.
struct TooDeep {
    YAML::Mark mark;
};

// Thrown when a document would start where the previous one started: yaml-cpp
// 0.8 does not consume a token it cannot place at the top of a document (a
// stray ',' for one) and hands out an empty document there forever, growing
// without bound. Fixed upstream after 0.8 (jbeder/yaml-cpp#1319, #1403).
struct NoProgress {
    YAML::Mark mark;
};

class DepthLimit final : public YAML::EventHandler
{
public:
    void OnDocumentStart(const YAML::Mark &mark) override
    {
        if (m_documents++ > 0 && mark.pos == m_lastDocumentStart)
            throw NoProgress { mark };
        m_lastDocumentStart = mark.pos;
        m_depth = 0;
    }
    void OnDocumentEnd() override { }
    void OnNull(const YAML::Mark &, YAML::anchor_t) override { }
    void OnAlias(const YAML::Mark &, YAML::anchor_t) override { }
    void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t, const std::string &) override { }
    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t,
                         YAML::EmitterStyle::value) override
    {
        enter(mark);
    }
    void OnSequenceEnd() override { --m_depth; }
    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t, YAML::EmitterStyle::value) override
    {
        enter(mark);
    }
    void OnMapEnd() override { --m_depth; }

private:
    void enter(const YAML::Mark &mark)
    {
        if (++m_depth > YamlSyntax::maxDepth)
            throw TooDeep { mark };
    }

    int m_depth = 0;
    int m_documents = 0;
    int m_lastDocumentStart = -1;
};

int oneBased(int zeroBased)
{
    return zeroBased >= 0 ? zeroBased + 1 : 0;
}

// yaml-cpp says "illegal map value" for a tab in the indentation; say why.
bool indentedWithTab(const QByteArray &content, int line)
{
    if (line <= 0)
        return false;
    const QList<QByteArray> lines = content.split('\n');
    if (line > lines.size())
        return false;
    for (const char c : lines.at(line - 1)) {
        if (c == '\t')
            return true;
        if (c != ' ')
            return false;
    }
    return false;
}

} // namespace

std::optional<YamlSyntaxError> YamlSyntax::firstError(const QByteArray &content)
{
    std::istringstream stream(content.toStdString());
    try {
        YAML::Parser parser(stream);
        DepthLimit handler;
        while (parser.HandleNextDocument(handler)) { }
    } catch (const TooDeep &tooDeep) {
        return YamlSyntaxError {
            oneBased(tooDeep.mark.line), oneBased(tooDeep.mark.column),
            QCoreApplication::translate("Dockmaster::YamlSyntax", "nested more than %1 levels deep.").arg(maxDepth)
        };
    } catch (const NoProgress &stuck) {
        const char c = stuck.mark.pos >= 0 && stuck.mark.pos < content.size() ? content.at(stuck.mark.pos) : '\0';
        const QString message = c > ' ' && c < 127
            ? QCoreApplication::translate("Dockmaster::YamlSyntax", "unexpected \"%1\".").arg(QLatin1Char(c))
            : QCoreApplication::translate("Dockmaster::YamlSyntax", "unexpected character.");
        return YamlSyntaxError { oneBased(stuck.mark.line), oneBased(stuck.mark.column), message };
    } catch (const YAML::Exception &e) {
        YamlSyntaxError error { oneBased(e.mark.line), oneBased(e.mark.column), QString::fromStdString(e.msg) };
        if (indentedWithTab(content, error.line))
            error.message
                = QCoreApplication::translate("Dockmaster::YamlSyntax", "YAML does not allow tabs for indentation.");
        return error;
    }
    return std::nullopt;
}

} // namespace Dockmaster
