#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

// What KeyspaceBrowser reads from an app's part of the key/value store: plain
// values the models can hold without knowing the store.
namespace Dockmaster {

// One key of an app's namespace, as the Platform services tab lists it.
struct KeyspaceKey {
    QByteArray name;        // without the app's prefix
    QString type;           // "string", "hash", "list", "set", "zset", "stream"
    qint64 ttlSeconds = -1; // -1: no expiry
    qint64 bytes = -1;      // MEMORY USAGE; -1 when unknown
};

// One step through the namespace (SCAN by prefix, never KEYS). A key may
// show up on two pages (SCAN's promise is "at least once"); cursor "0" ends.
struct KeyspacePage {
    QList<KeyspaceKey> keys;
    QByteArray cursor = "0";
    QString error;
    bool atEnd() const { return cursor == "0"; }
};

// The whole namespace at a glance: how many keys, the memory they take (the
// sum of MEMORY USAGE) and the largest of them. One pass of SCAN over every
// key, on a worker thread.
struct KeyspaceSummary {
    qint64 keys = 0;
    qint64 bytes = 0;
    QList<KeyspaceKey> largest; // biggest first, at most LargestCount
    QString error;
    static constexpr int LargestCount = 10;
};

// One element of a hash, list, set or sorted set, as the viewer shows it:
// what an edit changes (a hash field's value, a list element, a set member,
// a sorted set member's score).
struct KeyspaceElement {
    QString type;      // "hash", "list", "set", "zset"
    QByteArray member; // hash: the field; set and zset: the member
    qint64 index = -1; // list: the position
};

// A key's value, bounded: at most ValueLimit elements (or bytes of a string).
struct KeyspaceValue {
    QString type;
    QByteArray text;                              // string
    QList<QByteArray> items;                      // list, set
    QList<QPair<QByteArray, QByteArray>> entries; // hash: field, value; zset: member, score
    qint64 length = 0;                            // elements (or bytes) in the server
    bool truncated = false;
    QString error;
    static constexpr int ValueLimit = 1000;
};

} // namespace Dockmaster
