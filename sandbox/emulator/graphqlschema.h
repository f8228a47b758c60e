#pragma once

#include "sandbox/emulator/graphqldocument.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <functional>

namespace Dockmaster::GraphQL {

// How GitLab prices a field (app/graphql/types/base_field.rb#field_complexity).
enum class Cost {
    Plain,    // 1 + children, +1 if it calls Gitaly (base_complexity)
    Fixed,    // `complexity: N` on the field: N + children
    Resolver, // children + resolver_complexity(args), +1 Gitaly, times the connection multiplier
};

struct FieldDefinition {
    QString type; // the named result type: an object, a "...Connection" or a leaf (scalar/enum)
    QStringList arguments;
    QStringList requiredArguments;
    Cost cost = Cost::Plain;
    int fixedComplexity = 0;
    bool callsGitaly = false;
    bool connection = false;
    // A resolver's own resolver_complexity on top of BaseResolver's (e.g.
    // Ci::ProjectPipelinesResolver: +2 for sha, +2 for ref).
    std::function<int(const Field &field, const QJsonObject &variables)> extraResolverComplexity;
};

// The subset of GitLab's GraphQL schema the emulator serves, and the static
// checks graphql-ruby runs on a query before executing it: validation,
// depth and complexity (app/graphql/gitlab_schema.rb).
class Schema
{
public:
    // GitlabSchema::DEFAULT_MAX_PAGE_SIZE (default_max_page_size).
    static constexpr int MaxPageSize = 100;

    static const Schema &gitlab();

    const FieldDefinition *field(const QString &type, const QString &name) const;
    bool isLeaf(const QString &type) const { return !m_types.contains(type); }

    // graphql-ruby's static validation: unknown fields and arguments,
    // selections on leaves or missing on objects, undeclared variables.
    // Errors in GraphQL's shape, empty when the operation is valid.
    QJsonArray validate(const Operation &operation) const;
    // Deepest field nesting, as GraphQL::Analysis::AST::QueryDepth counts it.
    int depth(const std::vector<Field> &selections) const;
    // GitLab's complexity score of the selections made on `type`.
    int complexity(const QString &type, const std::vector<Field> &selections, const QJsonObject &variables) const;

private:
    Schema();
    void addConnection(const QString &nodeType);
    int fieldComplexity(const QString &type, const Field &field, const QJsonObject &variables) const;
    void validateSelections(const QString &type, const std::vector<Field> &selections, const QJsonArray &path,
                            const Operation &operation, QJsonArray &errors) const;
    void validateVariables(const Value &value, const Operation &operation, QJsonArray &errors) const;

    QHash<QString, QHash<QString, FieldDefinition>> m_types;
};

} // namespace Dockmaster::GraphQL
