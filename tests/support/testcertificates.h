#pragma once

#include <QString>
#include <QStringList>

namespace Dockmaster::Test {

// Certificates made by openssl in a folder, for the tests' TLS peers: an
// authority of the test's own and server certificates it signs. Nothing here
// is trusted anywhere else; they are valid for two days.
class TestCertificates final
{
public:
    explicit TestCertificates(QString folder);

    // NAME.pem and NAME.key: a CA (EC P-256).
    bool makeAuthority(const QString &name);
    // NAME.pem and NAME.key signed by `authority`, for `altNames` in
    // openssl's subjectAltName syntax ("DNS:localhost,IP:127.0.0.1").
    bool makeServerCertificate(const QString &name, const QString &authority, const QString &altNames);
    // NAME.pem and NAME.key signed by itself (a server nobody trusts).
    bool makeSelfSigned(const QString &name, const QString &commonName);

    QString pem(const QString &name) const { return filePath(name + QStringLiteral(".pem")); }
    QString key(const QString &name) const { return filePath(name + QStringLiteral(".key")); }
    QString filePath(const QString &file) const { return m_folder + QLatin1Char('/') + file; }

private:
    bool openssl(const QStringList &arguments) const;

    QString m_folder;
};

} // namespace Dockmaster::Test
