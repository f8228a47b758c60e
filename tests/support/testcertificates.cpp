#include "tests/support/testcertificates.h"

#include <QFile>
#include <QProcess>

#include <utility>

namespace Dockmaster::Test {

namespace {

// EC keys: quick to make on a busy machine, and what current servers use.
QStringList newKey()
{
    return { QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
             QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes") };
}

} // namespace

TestCertificates::TestCertificates(QString folder)
    : m_folder(std::move(folder))
{
}

bool TestCertificates::openssl(const QStringList &arguments) const
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(m_folder);
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        qWarning("openssl %s: %s", qPrintable(arguments.join(QLatin1Char(' '))), process.readAll().constData());
        return false;
    }
    return true;
}

bool TestCertificates::makeAuthority(const QString &name)
{
    return openssl(QStringList { QStringLiteral("req"), QStringLiteral("-x509") } + newKey()
                   + QStringList { QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                                   QStringLiteral("/CN=") + name, QStringLiteral("-addext"),
                                   QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                                   QStringLiteral("keyUsage=critical,keyCertSign"), QStringLiteral("-keyout"),
                                   key(name), QStringLiteral("-out"), pem(name) });
}

bool TestCertificates::makeServerCertificate(const QString &name, const QString &authority, const QString &altNames)
{
    const QString extensionsFile = filePath(name + QStringLiteral(".ext"));
    QFile extensions(extensionsFile);
    if (!extensions.open(QIODevice::WriteOnly))
        return false;
    extensions.write("subjectAltName=" + altNames.toLatin1() + "\nextendedKeyUsage=serverAuth\n");
    extensions.close();
    const QString request = filePath(name + QStringLiteral(".csr"));
    return openssl(QStringList { QStringLiteral("req") } + newKey()
                   + QStringList { QStringLiteral("-subj"), QStringLiteral("/CN=") + name, QStringLiteral("-keyout"),
                                   key(name), QStringLiteral("-out"), request })
        && openssl({ QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), request,
                     QStringLiteral("-CA"), pem(authority), QStringLiteral("-CAkey"), key(authority),
                     QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QStringLiteral("2"),
                     QStringLiteral("-extfile"), extensionsFile, QStringLiteral("-out"), pem(name) });
}

bool TestCertificates::makeSelfSigned(const QString &name, const QString &commonName)
{
    return openssl(QStringList { QStringLiteral("req"), QStringLiteral("-x509") } + newKey()
                   + QStringList { QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                                   QStringLiteral("/CN=") + commonName, QStringLiteral("-keyout"), key(name),
                                   QStringLiteral("-out"), pem(name) });
}

} // namespace Dockmaster::Test
