#pragma once

#include <QMutex>
#include <QMutexLocker>
#include <QStringList>
#include <QtGlobal>

namespace Dockmaster::Test {

// Records every Qt message (qDebug, qCDebug, qWarning... from any thread)
// while it exists, and still passes each on to the previous handler, so the
// test log shows them too. One at a time.
class MessageRecorder final
{
public:
    MessageRecorder()
    {
        Q_ASSERT(!s_current);
        s_current = this;
        m_previous = qInstallMessageHandler(&MessageRecorder::handle);
    }
    ~MessageRecorder()
    {
        qInstallMessageHandler(m_previous);
        s_current = nullptr;
    }
    MessageRecorder(const MessageRecorder &) = delete;
    MessageRecorder &operator=(const MessageRecorder &) = delete;

    struct Message {
        QtMsgType type;
        QString category;
        QString text;
    };

    QList<Message> messages() const
    {
        const QMutexLocker locker(&m_mutex);
        return m_messages;
    }
    // The messages whose text or category contains `needle`, as "category: text" lines.
    QStringList containing(const QString &needle) const
    {
        QStringList found;
        for (const Message &message : messages()) {
            if (message.text.contains(needle) || message.category.contains(needle))
                found.append(message.category + QStringLiteral(": ") + message.text);
        }
        return found;
    }
    QStringList ofCategory(const QString &category) const
    {
        QStringList found;
        for (const Message &message : messages()) {
            if (message.category == category)
                found.append(message.text);
        }
        return found;
    }

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &text)
    {
        MessageRecorder *self = s_current;
        if (!self)
            return;
        {
            const QMutexLocker locker(&self->m_mutex);
            self->m_messages.append({ type, context.category ? QString::fromUtf8(context.category) : QString(), text });
        }
        if (self->m_previous)
            self->m_previous(type, context, text);
    }

    static inline MessageRecorder *s_current = nullptr;
    QtMessageHandler m_previous = nullptr;
    mutable QMutex m_mutex;
    QList<Message> m_messages;
};

} // namespace Dockmaster::Test
