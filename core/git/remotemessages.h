#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <algorithm>

namespace Dockmaster {

// What a git server says on the sideband while it handles a push. GitLab
// explains a refused ref there ("remote: GitLab: You are not allowed to push
// code to protected branches on this project."); the ref status itself only
// says "pre-receive hook declined".
class RemoteMessages
{
public:
    void feed(const char *text, int length)
    {
        m_pending.append(text, length);
        qsizetype end = 0;
        while ((end = indexOfLineEnd()) >= 0) {
            const QString line = QString::fromUtf8(m_pending.left(end)).trimmed();
            m_pending.remove(0, end + 1);
            if (line.startsWith(QLatin1String("GitLab:")) && m_reasons.size() < 10)
                m_reasons.append(line.left(500));
        }
    }
    // GitLab's reasons, one sentence each; empty when it gave none.
    QString reasons() const { return m_reasons.join(QLatin1Char(' ')); }

private:
    qsizetype indexOfLineEnd() const
    {
        const qsizetype n = m_pending.indexOf('\n');
        const qsizetype r = m_pending.indexOf('\r');
        if (n < 0)
            return r;
        return r < 0 ? n : std::min(n, r);
    }

    QByteArray m_pending;
    QStringList m_reasons;
};

} // namespace Dockmaster
