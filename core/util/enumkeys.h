#pragma once

#include <QCoreApplication>
#include <QLatin1StringView>
#include <QString>
#include <QStringView>

#include <iterator>
#include <optional>
#include <type_traits>

// One mechanism for the enums whose values are stored or sent as text (cache
// columns, inventory records, GitLab labels): a constant table per enum, with
// entries that have at least `value` and `key`, and optionally `text` (a
// QT_TRANSLATE_NOOP source text for people). The helpers below read any such
// table, so no enum needs a hand-written switch in both directions.
namespace Dockmaster {

template<typename Enum> struct EnumKey {
    Enum value;
    const char *key;
    const char *text = nullptr;
};

// The stored key of `value`; empty for a value missing from the table.
template<typename Table, typename Enum> QString enumKey(const Table &table, Enum value)
{
    for (const auto &entry : table) {
        if (entry.value == value)
            return QString::fromLatin1(entry.key);
    }
    return {};
}

// The value stored as `key` (exact, case-sensitive), or nullopt for anything
// else: text from outside never turns into a value by accident.
template<typename Table>
auto enumFromKey(const Table &table, QStringView key)
    -> std::optional<std::remove_cvref_t<decltype(std::begin(table)->value)>>
{
    for (const auto &entry : table) {
        if (key == QLatin1StringView(entry.key))
            return entry.value;
    }
    return std::nullopt;
}

// The entry of `value`, or null.
template<typename Table, typename Enum> auto enumEntry(const Table &table, Enum value) -> decltype(std::begin(table))
{
    for (auto it = std::begin(table); it != std::end(table); ++it) {
        if (it->value == value)
            return it;
    }
    return nullptr;
}

// The translated `text` of `value` in `context` (the one its
// QT_TRANSLATE_NOOP names).
template<typename Table, typename Enum> QString enumText(const char *context, const Table &table, Enum value)
{
    const auto entry = enumEntry(table, value);
    return entry && entry->text ? QCoreApplication::translate(context, entry->text) : QString();
}

} // namespace Dockmaster
