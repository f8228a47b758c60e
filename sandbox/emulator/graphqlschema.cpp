#include "sandbox/emulator/graphqlschema.h"

#include <algorithm>

namespace Dockmaster::GraphQL {

namespace {

const QStringList ConnectionArguments { QStringLiteral("first"), QStringLiteral("last"), QStringLiteral("after"),
                                        QStringLiteral("before") };

FieldDefinition leaf(const QString &type)
{
    FieldDefinition f;
    f.type = type;
    return f;
}

FieldDefinition gitalyLeaf(const QString &type)
{
    FieldDefinition f = leaf(type);
    f.callsGitaly = true;
    return f;
}

FieldDefinition resolver(const QString &type, const QStringList &arguments)
{
    FieldDefinition f;
    f.type = type;
    f.arguments = arguments;
    f.cost = Cost::Resolver;
    return f;
}

FieldDefinition connectionResolver(const QString &nodeType, const QStringList &arguments)
{
    FieldDefinition f = resolver(nodeType + QStringLiteral("Connection"), arguments + ConnectionArguments);
    f.connection = true;
    return f;
}

QJsonArray locations(const Location &at)
{
    return QJsonArray { QJsonObject { { QStringLiteral("line"), at.line }, { QStringLiteral("column"), at.column } } };
}

QJsonObject validationError(const QString &message, const Location &at, const QJsonArray &path,
                            const QJsonObject &extensions)
{
    return QJsonObject { { QStringLiteral("message"), message },
                         { QStringLiteral("locations"), locations(at) },
                         { QStringLiteral("path"), path },
                         { QStringLiteral("extensions"), extensions } };
}

QString operationLabel(const Operation &operation)
{
    return operation.name.isEmpty() ? operation.type : QString(operation.type + QLatin1Char(' ') + operation.name);
}

} // namespace

const Schema &Schema::gitlab()
{
    static const Schema schema;
    return schema;
}

// Types, fields and their pricing as GitLab declares them (app/graphql/types/).
Schema::Schema()
{
    auto &query = m_types[QStringLiteral("Query")];
    // Resolvers::ProjectsResolver on a ProjectType.connection_type.
    query.insert(QStringLiteral("projects"),
                 connectionResolver(QStringLiteral("Project"),
                                    { QStringLiteral("ids"), QStringLiteral("fullPaths"), QStringLiteral("search"),
                                      QStringLiteral("membership"), QStringLiteral("sort") }));
    query.insert(QStringLiteral("project"), resolver(QStringLiteral("Project"), { QStringLiteral("fullPath") }));
    query.insert(QStringLiteral("currentUser"), resolver(QStringLiteral("UserCore"), {}));
    query.insert(QStringLiteral("queryComplexity"), leaf(QStringLiteral("QueryComplexity")));

    m_types[QStringLiteral("QueryComplexity")] = { { QStringLiteral("score"), leaf(QStringLiteral("Int")) },
                                                   { QStringLiteral("limit"), leaf(QStringLiteral("Int")) } };
    m_types[QStringLiteral("UserCore")] = { { QStringLiteral("id"), leaf(QStringLiteral("ID")) },
                                            { QStringLiteral("username"), leaf(QStringLiteral("String")) },
                                            { QStringLiteral("name"), leaf(QStringLiteral("String")) } };
    m_types[QStringLiteral("PageInfo")] = { { QStringLiteral("hasNextPage"), leaf(QStringLiteral("Boolean")) },
                                            { QStringLiteral("hasPreviousPage"), leaf(QStringLiteral("Boolean")) },
                                            { QStringLiteral("startCursor"), leaf(QStringLiteral("String")) },
                                            { QStringLiteral("endCursor"), leaf(QStringLiteral("String")) } };

    auto &project = m_types[QStringLiteral("Project")];
    project.insert(QStringLiteral("id"), leaf(QStringLiteral("ID")));
    project.insert(QStringLiteral("fullPath"), leaf(QStringLiteral("ID")));
    project.insert(QStringLiteral("path"), leaf(QStringLiteral("String")));
    project.insert(QStringLiteral("name"), leaf(QStringLiteral("String")));
    project.insert(QStringLiteral("archived"), leaf(QStringLiteral("Boolean")));
    project.insert(QStringLiteral("lastActivityAt"), leaf(QStringLiteral("Time")));
    project.insert(QStringLiteral("repository"), leaf(QStringLiteral("Repository")));
    // field :pipelines, calls_gitaly: true, resolver: Resolvers::Ci::ProjectPipelinesResolver
    FieldDefinition pipelines = connectionResolver(QStringLiteral("Pipeline"),
                                                   { QStringLiteral("ref"), QStringLiteral("sha"),
                                                     QStringLiteral("status"), QStringLiteral("source"),
                                                     QStringLiteral("updatedAfter"), QStringLiteral("updatedBefore") });
    pipelines.callsGitaly = true;
    pipelines.extraResolverComplexity = [](const Field &field, const QJsonObject &variables) {
        auto given = [&](const char *name) {
            const QJsonValue v = field.argumentValue(QLatin1String(name), variables);
            return !v.isUndefined() && !v.isNull();
        };
        return (given("sha") ? 2 : 0) + (given("ref") ? 2 : 0);
    };
    project.insert(QStringLiteral("pipelines"), pipelines);
    // Resolvers::Environments::ProjectEnvironmentsResolver.single
    project.insert(QStringLiteral("environment"),
                   resolver(QStringLiteral("Environment"),
                            { QStringLiteral("name"), QStringLiteral("search"), QStringLiteral("states") }));

    auto &repository = m_types[QStringLiteral("Repository")];
    // field :tree, resolver: Resolvers::TreeResolver, calls_gitaly: true
    FieldDefinition tree = resolver(QStringLiteral("Tree"),
                                    { QStringLiteral("ref"), QStringLiteral("path"), QStringLiteral("recursive") });
    tree.callsGitaly = true;
    repository.insert(QStringLiteral("tree"), tree);
    repository.insert(QStringLiteral("rootRef"), gitalyLeaf(QStringLiteral("String")));
    repository.insert(QStringLiteral("exists"), gitalyLeaf(QStringLiteral("Boolean")));
    repository.insert(QStringLiteral("empty"), gitalyLeaf(QStringLiteral("Boolean")));

    // Types::Tree::TreeType: plain connection fields that call Gitaly, and
    // last_commit with `complexity: 10`.
    auto &treeType = m_types[QStringLiteral("Tree")];
    for (const char *entries : { "submodules", "trees", "blobs" }) {
        FieldDefinition f = gitalyLeaf(QString());
        f.arguments = ConnectionArguments;
        f.connection = true;
        treeType.insert(QLatin1String(entries), f);
    }
    treeType[QStringLiteral("submodules")].type = QStringLiteral("SubmoduleConnection");
    treeType[QStringLiteral("trees")].type = QStringLiteral("TreeEntryConnection");
    treeType[QStringLiteral("blobs")].type = QStringLiteral("BlobConnection");
    FieldDefinition lastCommit = leaf(QStringLiteral("Commit"));
    lastCommit.cost = Cost::Fixed;
    lastCommit.fixedComplexity = 10;
    treeType.insert(QStringLiteral("lastCommit"), lastCommit);

    // Types::Tree::EntryType, shared by the three entry types.
    for (const char *entryType : { "Submodule", "TreeEntry", "Blob" }) {
        auto &entry = m_types[QLatin1String(entryType)];
        entry.insert(QStringLiteral("id"), leaf(QStringLiteral("ID")));
        entry.insert(QStringLiteral("sha"), leaf(QStringLiteral("String")));
        entry.insert(QStringLiteral("name"), leaf(QStringLiteral("String")));
        entry.insert(QStringLiteral("type"), leaf(QStringLiteral("EntryType")));
        entry.insert(QStringLiteral("path"), leaf(QStringLiteral("String")));
        entry.insert(QStringLiteral("flatPath"), leaf(QStringLiteral("String")));
    }
    m_types[QStringLiteral("Blob")].insert(QStringLiteral("mode"), leaf(QStringLiteral("String")));

    m_types[QStringLiteral("Commit")] = { { QStringLiteral("id"), leaf(QStringLiteral("ID")) },
                                          { QStringLiteral("sha"), leaf(QStringLiteral("String")) },
                                          { QStringLiteral("shortId"), leaf(QStringLiteral("String")) },
                                          { QStringLiteral("title"), leaf(QStringLiteral("String")) },
                                          { QStringLiteral("message"), leaf(QStringLiteral("String")) },
                                          { QStringLiteral("authorName"), leaf(QStringLiteral("String")) },
                                          { QStringLiteral("authoredDate"), leaf(QStringLiteral("Time")) },
                                          { QStringLiteral("committedDate"), leaf(QStringLiteral("Time")) } };

    auto &pipeline = m_types[QStringLiteral("Pipeline")];
    pipeline.insert(QStringLiteral("id"), leaf(QStringLiteral("ID")));
    pipeline.insert(QStringLiteral("iid"), leaf(QStringLiteral("String")));
    pipeline.insert(QStringLiteral("sha"), leaf(QStringLiteral("String")));
    pipeline.insert(QStringLiteral("ref"), leaf(QStringLiteral("String")));
    pipeline.insert(QStringLiteral("status"), leaf(QStringLiteral("PipelineStatusEnum")));
    pipeline.insert(QStringLiteral("source"), leaf(QStringLiteral("String")));
    pipeline.insert(QStringLiteral("path"), leaf(QStringLiteral("String")));
    pipeline.insert(QStringLiteral("createdAt"), leaf(QStringLiteral("Time")));
    pipeline.insert(QStringLiteral("updatedAt"), leaf(QStringLiteral("Time")));
    pipeline.insert(QStringLiteral("startedAt"), leaf(QStringLiteral("Time")));
    pipeline.insert(QStringLiteral("finishedAt"), leaf(QStringLiteral("Time")));
    pipeline.insert(QStringLiteral("duration"), leaf(QStringLiteral("Int")));
    pipeline.insert(QStringLiteral("user"), leaf(QStringLiteral("UserCore")));

    auto &environment = m_types[QStringLiteral("Environment")];
    environment.insert(QStringLiteral("id"), leaf(QStringLiteral("ID")));
    environment.insert(QStringLiteral("name"), leaf(QStringLiteral("String")));
    environment.insert(QStringLiteral("state"), leaf(QStringLiteral("String")));
    environment.insert(QStringLiteral("externalUrl"), leaf(QStringLiteral("String")));
    // Resolvers::Environments::LastDeploymentResolver, `status` required.
    FieldDefinition lastDeployment = resolver(QStringLiteral("Deployment"), { QStringLiteral("status") });
    lastDeployment.requiredArguments = { QStringLiteral("status") };
    environment.insert(QStringLiteral("lastDeployment"), lastDeployment);

    auto &deployment = m_types[QStringLiteral("Deployment")];
    deployment.insert(QStringLiteral("id"), leaf(QStringLiteral("ID")));
    deployment.insert(QStringLiteral("iid"), leaf(QStringLiteral("String")));
    deployment.insert(QStringLiteral("ref"), leaf(QStringLiteral("String")));
    deployment.insert(QStringLiteral("sha"), leaf(QStringLiteral("String")));
    deployment.insert(QStringLiteral("status"), leaf(QStringLiteral("DeploymentStatus")));
    deployment.insert(QStringLiteral("tag"), leaf(QStringLiteral("Boolean")));
    deployment.insert(QStringLiteral("createdAt"), leaf(QStringLiteral("Time")));
    deployment.insert(QStringLiteral("updatedAt"), leaf(QStringLiteral("Time")));
    deployment.insert(QStringLiteral("finishedAt"), leaf(QStringLiteral("Time")));
    deployment.insert(QStringLiteral("triggerer"), leaf(QStringLiteral("UserCore")));
    deployment.insert(QStringLiteral("job"), leaf(QStringLiteral("CiJob")));

    m_types[QStringLiteral("CiJob")] = { { QStringLiteral("id"), leaf(QStringLiteral("JobID")) },
                                         { QStringLiteral("name"), leaf(QStringLiteral("String")) },
                                         { QStringLiteral("status"), leaf(QStringLiteral("CiJobStatus")) },
                                         { QStringLiteral("pipeline"), leaf(QStringLiteral("Pipeline")) } };

    for (const char *node : { "Project", "Pipeline", "Submodule", "TreeEntry", "Blob" })
        addConnection(QLatin1String(node));
}

// graphql-ruby's connection_type: nodes, edges { node cursor } and pageInfo.
void Schema::addConnection(const QString &nodeType)
{
    const QString edge = nodeType + QStringLiteral("Edge");
    m_types[nodeType + QStringLiteral("Connection")]
        = { { QStringLiteral("nodes"), leaf(nodeType) },
            { QStringLiteral("edges"), leaf(edge) },
            { QStringLiteral("pageInfo"), leaf(QStringLiteral("PageInfo")) } };
    m_types[edge]
        = { { QStringLiteral("node"), leaf(nodeType) }, { QStringLiteral("cursor"), leaf(QStringLiteral("String")) } };
}

const FieldDefinition *Schema::field(const QString &type, const QString &name) const
{
    const auto t = m_types.constFind(type);
    if (t == m_types.cend())
        return nullptr;
    const auto f = t->constFind(name);
    return f == t->cend() ? nullptr : &f.value();
}

QJsonArray Schema::validate(const Operation &operation) const
{
    QJsonArray errors;
    if (operation.type != QLatin1String("query")) {
        // The emulator has no mutations; GitLab's schema would name the field.
        errors.append(QJsonObject {
            { QStringLiteral("message"), QStringLiteral("Schema is not configured for %1s").arg(operation.type) },
            { QStringLiteral("locations"), locations(operation.location) } });
        return errors;
    }
    validateSelections(QStringLiteral("Query"), operation.selections, QJsonArray { operationLabel(operation) },
                       operation, errors);
    return errors;
}

void Schema::validateSelections(const QString &type, const std::vector<Field> &selections, const QJsonArray &path,
                                const Operation &operation, QJsonArray &errors) const
{
    for (const Field &f : selections) {
        QJsonArray here = path;
        here.append(f.responseKey());
        if (f.name == QLatin1String("__typename"))
            continue;
        const FieldDefinition *definition = field(type, f.name);
        if (!definition) {
            errors.append(validationError(QStringLiteral("Field '%1' doesn't exist on type '%2'").arg(f.name, type),
                                          f.location, here,
                                          { { QStringLiteral("code"), QStringLiteral("undefinedField") },
                                            { QStringLiteral("typeName"), type },
                                            { QStringLiteral("fieldName"), f.name } }));
            continue;
        }
        for (const Argument &a : f.arguments) {
            if (!definition->arguments.contains(a.name)) {
                errors.append(validationError(
                    QStringLiteral("Field '%1' doesn't accept argument '%2'").arg(f.name, a.name), a.location, here,
                    { { QStringLiteral("code"), QStringLiteral("argumentNotAccepted") },
                      { QStringLiteral("name"), f.name },
                      { QStringLiteral("typeName"), QStringLiteral("Field") },
                      { QStringLiteral("argumentName"), a.name } }));
            }
            validateVariables(a.value, operation, errors);
        }
        QStringList missing;
        for (const QString &required : definition->requiredArguments) {
            if (!f.argument(required))
                missing.append(required);
        }
        if (!missing.isEmpty()) {
            errors.append(validationError(QStringLiteral("Field '%1' is missing required arguments: %2")
                                              .arg(f.name, missing.join(QStringLiteral(", "))),
                                          f.location, here,
                                          { { QStringLiteral("code"), QStringLiteral("missingRequiredArguments") },
                                            { QStringLiteral("className"), QStringLiteral("Field") },
                                            { QStringLiteral("name"), f.name },
                                            { QStringLiteral("arguments"), missing.join(QStringLiteral(", ")) } }));
        }
        const QJsonObject mismatch { { QStringLiteral("code"), QStringLiteral("selectionMismatch") },
                                     { QStringLiteral("nodeName"), QStringLiteral("field '%1'").arg(f.name) },
                                     { QStringLiteral("typeName"), definition->type } };
        if (isLeaf(definition->type) && !f.selections.empty()) {
            QStringList names;
            for (const Field &child : f.selections)
                names.append(QLatin1Char('"') + child.name + QLatin1Char('"'));
            errors.append(validationError(QStringLiteral("Selections can't be made on scalars (field '%1' returns %2 "
                                                         "but has selections [%3])")
                                              .arg(f.name, definition->type, names.join(QStringLiteral(", "))),
                                          f.location, here, mismatch));
        } else if (!isLeaf(definition->type) && f.selections.empty()) {
            errors.append(validationError(QStringLiteral("Field must have selections (field '%1' returns %2 but has "
                                                         "no selections. Did you mean '%1 { ... }'?)")
                                              .arg(f.name, definition->type),
                                          f.location, here, mismatch));
        } else if (!f.selections.empty()) {
            validateSelections(definition->type, f.selections, here, operation, errors);
        }
    }
}

void Schema::validateVariables(const Value &value, const Operation &operation, QJsonArray &errors) const
{
    if (value.kind == Value::Kind::Variable) {
        const bool declared = std::any_of(operation.variables.cbegin(), operation.variables.cend(),
                                          [&](const VariableDefinition &v) { return v.name == value.text; });
        if (!declared) {
            const QString by
                = operation.name.isEmpty() ? QStringLiteral("anonymous %1").arg(operation.type) : operation.name;
            errors.append(
                validationError(QStringLiteral("Variable $%1 is used by %2 but not declared").arg(value.text, by),
                                value.location, QJsonArray { operationLabel(operation) },
                                { { QStringLiteral("code"), QStringLiteral("variableNotDefined") },
                                  { QStringLiteral("variableName"), value.text } }));
        }
    }
    for (const Value &item : value.list)
        validateVariables(item, operation, errors);
    for (const auto &[key, item] : value.fields)
        validateVariables(item, operation, errors);
}

int Schema::depth(const std::vector<Field> &selections) const
{
    int deepest = 0;
    for (const Field &f : selections)
        deepest = std::max(deepest, 1 + depth(f.selections));
    return deepest;
}

int Schema::complexity(const QString &type, const std::vector<Field> &selections, const QJsonObject &variables) const
{
    int total = 0;
    for (const Field &f : selections)
        total += fieldComplexity(type, f, variables);
    return total;
}

int Schema::fieldComplexity(const QString &type, const Field &f, const QJsonObject &variables) const
{
    const FieldDefinition *definition = field(type, f.name);
    if (!definition)
        return 1; // __typename
    // Children are summed once, not multiplied by the page size: GitLab
    // prices a connection through the resolver's multiplier below instead.
    const int children = isLeaf(definition->type) ? 0 : complexity(definition->type, f.selections, variables);
    switch (definition->cost) {
    case Cost::Plain:
        return 1 + (definition->callsGitaly ? 1 : 0) + children;
    case Cost::Fixed:
        return definition->fixedComplexity + children;
    case Cost::Resolver:
        break;
    }
    auto given = [&](const char *name) {
        const QJsonValue v = f.argumentValue(QLatin1String(name), variables);
        return !v.isUndefined() && !v.isNull();
    };
    // Resolvers::BaseResolver.resolver_complexity: 1, +1 for sort, +5 for search.
    int resolverComplexity = 1 + (given("sort") ? 1 : 0) + (given("search") ? 5 : 0);
    if (definition->extraResolverComplexity)
        resolverComplexity += definition->extraResolverComplexity(f, variables);
    int result = children + resolverComplexity + (definition->callsGitaly ? 1 : 0);
    if (!definition->connection)
        return result;
    // BaseField#connection_complexity_multiplier: the page size (first, last
    // or default_max_page_size, whichever is least) times
    // BaseResolver.complexity_multiplier, 1% per item, none when looking up
    // by iid or iids. Ruby computes it in floating point and truncates (to_i);
    // so does this.
    int limit = MaxPageSize;
    for (const char *name : { "first", "last" }) {
        if (given(name))
            limit = std::min(limit, f.argumentValue(QLatin1String(name), variables).toInt());
    }
    const double multiplier = (given("iid") || given("iids")) ? 0.0 : 0.01;
    const double multiplied = result + result * (limit * multiplier);
    return int(multiplied);
}

} // namespace Dockmaster::GraphQL
