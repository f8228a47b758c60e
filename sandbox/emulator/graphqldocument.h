#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>
#include <utility>
#include <vector>

namespace Dockmaster::GraphQL {

// 1-based, as GraphQL error "locations" report them.
struct Location {
    int line = 1;
    int column = 1;
};

// An argument or default value as written in the query. std::vector, not
// QList: values nest, and only std::vector is guaranteed to take an
// incomplete element type.
struct Value {
    enum class Kind { Null, Int, Float, String, Boolean, Enum, List, Object, Variable };
    Kind kind = Kind::Null;
    QString text; // Int/Float digits, String contents, Enum name, Variable name
    bool boolean = false;
    std::vector<Value> list;
    std::vector<std::pair<QString, Value>> fields; // Object, in written order
    Location location;
};

struct Argument {
    QString name;
    Value value;
    Location location;
};

struct Field {
    QString alias;
    QString name;
    std::vector<Argument> arguments;
    std::vector<Field> selections;
    Location location;

    // The key the field's answer is stored under.
    QString responseKey() const { return alias.isEmpty() ? name : alias; }
    const Argument *argument(const QString &argumentName) const;
    // The argument's value with variables substituted; undefined when absent.
    QJsonValue argumentValue(const QString &argumentName, const QJsonObject &variables) const;
};

struct VariableDefinition {
    QString name;
    QString typeName; // the named type, e.g. "ID" for [ID!]
    QString typeText; // as written, e.g. "[ID!]!"
    bool nonNull = false;
    bool list = false;
    std::optional<Value> defaultValue;
    Location location;
};

struct Operation {
    QString type = QStringLiteral("query"); // query, mutation or subscription
    QString name;
    std::vector<VariableDefinition> variables;
    std::vector<Field> selections;
    Location location;
};

struct Document {
    std::vector<Operation> operations;
};

struct ParseError {
    QString message;
    Location location;
};

// A literal as JSON, variables (already coerced) substituted at any depth;
// enum values become their names. An unknown variable reads as undefined.
QJsonValue jsonValue(const Value &value, const QJsonObject &variables);

// Parses an executable GraphQL document (October 2021 spec): operations with
// variables, selection sets, aliases, arguments and every value literal,
// block strings included. Fragments and directives are not part of the
// subset the emulator serves; they are reported as parse errors that say so.
std::optional<Document> parseDocument(const QString &text, ParseError *error);

} // namespace Dockmaster::GraphQL
