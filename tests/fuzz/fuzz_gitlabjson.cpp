// libFuzzer target: every GitLab JSON reader on whatever a server sends, as an
// object and as each element of a list (GitLab answers lists for most calls).
#include "core/gitlab/gitlabtypes.h"
#include "core/gitlab/releaserequestparser.h"
#include "core/sync/opsdetailquery.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>

namespace {

void readAll(const QJsonObject &o)
{
    using namespace Dockmaster;
    (void)GitLabParse::dateTime(o.value(QLatin1StringView("created_at")));
    (void)GitLabParse::user(o);
    (void)GitLabParse::project(o);
    if (const auto issue = GitLabParse::issue(o))
        (void)ReleaseRequestParser::parse(*issue);
    (void)GitLabParse::commit(o);
    (void)GitLabParse::tag(o);
    (void)GitLabParse::branch(o);
    (void)GitLabParse::treeEntry(o);
    (void)GitLabParse::pipeline(o);
    (void)GitLabParse::job(o);
    (void)GitLabParse::deployment(o);
    (void)GitLabParse::environment(o);
    (void)GitLabParse::note(o);
    (void)GitLabParse::file(o);
    (void)GitLabParse::compare(o);
    // GraphQL: the envelope, then the sync's reading of the ops details.
    if (const auto answer = GitLabParse::graphqlAnswer(o))
        (void)OpsDetailQuery::parse(answer->data, QUrl(QStringLiteral("https://gitlab.example.com")));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument document
        = QJsonDocument::fromJson(QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (document.isObject())
        readAll(document.object());
    for (const QJsonValue &item : document.array())
        readAll(item.toObject());
    return 0;
}
