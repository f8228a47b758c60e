// libFuzzer target: the release-request parser on an issue a plugin developer
// wrote (title, description and labels are theirs).
#include "core/gitlab/gitlabtypes.h"
#include "core/gitlab/releaserequestparser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Dockmaster;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    // First line: the title; the first label line after it, then the description.
    const qsizetype titleEnd = text.indexOf(QLatin1Char('\n'));
    GitLabIssue issue;
    issue.id = 1;
    issue.iid = 1;
    issue.projectId = 1;
    issue.title = text.left(titleEnd);
    const QString rest = titleEnd < 0 ? QString() : text.mid(titleEnd + 1);
    const qsizetype labelsEnd = rest.indexOf(QLatin1Char('\n'));
    issue.labels = rest.left(labelsEnd).split(QLatin1Char(','));
    issue.description = labelsEnd < 0 ? rest : rest.mid(labelsEnd + 1);
    issue.referenceFull = QStringLiteral("plugins/apps/app0000001#1");
    const ReleaseRequestParser::Parsed parsed = ReleaseRequestParser::parse(issue);
    (void)parsed;
    (void)ReleaseRequestParser::isAcceptableRef(issue.title);
    (void)ReleaseRequestParser::appIdFromPath(issue.title);
    return 0;
}
