#pragma once

#include "core/domain/environment.h"
#include "core/render/appenvironmentspec.h"
#include "core/render/renderfield.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Dockmaster {

// One refused value: which field, and why (translated, names the field).
struct FieldError {
    RenderField field = RenderField::AppId;
    QString message;

    QString fieldKey() const { return renderFieldKey(field); }
    bool operator==(const FieldError &) const = default;
};

struct RenderInputResult;

// A checked app environment: every value matched a strict ASCII allow-list
// or range. The only way to get one is validate(), so the renderer can never
// see a value that was not checked.
class RenderInput
{
public:
    static RenderInputResult validate(const AppEnvironmentSpec &spec);

    QString appId() const { return m_appId; }
    Environment environment() const { return m_environment; }
    QString environmentKey() const { return Dockmaster::environmentKey(m_environment); }
    QString branch() const { return environmentBranch(m_environment); }
    QString hostName() const { return m_hostName; }
    QString hostAddress() const { return m_hostAddress; }
    int containerPort() const { return m_containerPort; }
    int fallbackPort() const { return m_fallbackPort; }
    QString listenAddress() const { return m_listenAddress; }
    int httpPort() const { return m_httpPort; }
    int httpsPort() const { return m_httpsPort; }
    QString domain() const { return m_domain; }
    FallbackMode fallbackMode() const { return m_fallbackMode; }
    QString image() const { return m_image; }
    QString ciImage() const { return m_ciImage; }
    int memoryLimitMb() const { return m_memoryLimitMb; }
    int cpuMillis() const { return m_cpuMillis; }
    int pidsLimit() const { return m_pidsLimit; }
    int phpMemoryLimitMb() const { return m_phpMemoryLimitMb; }
    int phpMaxExecutionSeconds() const { return m_phpMaxExecutionSeconds; }
    int phpUploadMaxMb() const { return m_phpUploadMaxMb; }
    int phpMaxChildren() const { return m_phpMaxChildren; }
    int connectTimeoutSeconds() const { return m_connectTimeoutSeconds; }
    int readTimeoutSeconds() const { return m_readTimeoutSeconds; }
    int failTimeoutSeconds() const { return m_failTimeoutSeconds; }
    QString tlsCertificatePath() const { return m_tlsCertificatePath; }
    QString tlsKeyPath() const { return m_tlsKeyPath; }
    QString deployBaseDir() const { return m_deployBaseDir; }
    QString runtimeDir() const { return m_runtimeDir; }
    QString logDir() const { return m_logDir; }
    QString nginxSitesDir() const { return m_nginxSitesDir; }
    QString fpmPoolDir() const { return m_fpmPoolDir; }
    QString deployUser() const { return m_deployUser; }
    QStringList extraEnvNames() const { return m_extraEnvNames; }
    // Identity at the edge: off when authUrl() is empty.
    QString authUrl() const { return m_authUrl; }
    QString loginUrl() const { return m_loginUrl; }
    QStringList anonymousPaths() const { return m_anonymousPaths; } // "/dir/" (prefix) or "/file" (exact)
    struct Grant {
        QString permission;
        QStringList roles;
        bool operator==(const Grant &) const = default;
    };
    QList<Grant> permissionGrants() const { return m_permissionGrants; }

    // Derived names, built only from checked parts.
    QString siteName() const; // app0000042-test
    QString appRoot() const;  // <deployBaseDir>/app0000042/test
    QString codeDir() const;  // <appRoot>/codes
    QString confDir() const;  // <appRoot>/conf
    QString tmpDir() const;   // <appRoot>/tmp
    QString fallbackSocket() const;

private:
    RenderInput() = default;

    QString m_appId;
    Environment m_environment = Environment::Test;
    QString m_hostName;
    QString m_hostAddress;
    int m_containerPort = 0;
    int m_fallbackPort = 0;
    QString m_listenAddress;
    int m_httpPort = 0;
    int m_httpsPort = 0;
    QString m_domain;
    FallbackMode m_fallbackMode = FallbackMode::HardenedPhp;
    QString m_image;
    QString m_ciImage;
    int m_memoryLimitMb = 0;
    int m_cpuMillis = 0;
    int m_pidsLimit = 0;
    int m_phpMemoryLimitMb = 0;
    int m_phpMaxExecutionSeconds = 0;
    int m_phpUploadMaxMb = 0;
    int m_phpMaxChildren = 0;
    int m_connectTimeoutSeconds = 0;
    int m_readTimeoutSeconds = 0;
    int m_failTimeoutSeconds = 0;
    QString m_tlsCertificatePath;
    QString m_tlsKeyPath;
    QString m_deployBaseDir;
    QString m_runtimeDir;
    QString m_logDir;
    QString m_nginxSitesDir;
    QString m_fpmPoolDir;
    QString m_deployUser;
    QStringList m_extraEnvNames;
    QString m_authUrl;
    QString m_loginUrl;
    QStringList m_anonymousPaths;
    QList<Grant> m_permissionGrants;
};

struct RenderInputResult {
    std::optional<RenderInput> input; // set only when errors is empty
    QList<FieldError> errors;

    bool ok() const { return input.has_value(); }
};

} // namespace Dockmaster
