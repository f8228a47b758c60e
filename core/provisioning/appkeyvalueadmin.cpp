#include "core/provisioning/appkeyvalueadmin.h"

#include <QByteArray>
#include <QRandomGenerator>

namespace Dockmaster {

QString AppKeyValueAdmin::newPassword()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toHex());
}

} // namespace Dockmaster
