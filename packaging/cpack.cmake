# Two Debian packages from one build (preset `package`):
#   dockmaster          the console: dockmaster, desktop entry, metainfo, icons, man page
#   dockmaster-sandbox  the demo platform: dockmaster-sandbox (GitLab emulator, podman, PowerDNS)
# Library dependencies come from dpkg-shlibdeps; what it cannot see (Qt
# plugins loaded at run time, programs started as processes) is named here.
# Nothing here names Python: the console runs no interpreter.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME dockmaster)
set(CPACK_PACKAGE_VENDOR "The Dockmaster developers")
set(CPACK_PACKAGE_CONTACT "Dockmaster maintainers <dockmaster@example.com>")
set(CPACK_PACKAGE_VERSION "${DOCKMASTER_FULL_VERSION}")
# CPack (3.25) puts a package-wide summary in front of every component's
# description unless it is CPack's own default, which would make each
# package's synopsis the project description, twice for dockmaster (lintian:
# description-synopsis-is-duplicated). Each component's description below
# starts with its own synopsis line.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
set(CPACK_PACKAGE_DIRECTORY "${PROJECT_SOURCE_DIR}/build/packages")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL app)
if(DOCKMASTER_SANDBOX_APP)
    list(APPEND CPACK_COMPONENTS_ALL sandbox)
endif()

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${DOCKMASTER_HOMEPAGE}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(deb_version "${DOCKMASTER_FULL_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}")

set(CPACK_DEBIAN_APP_PACKAGE_NAME dockmaster)
# The SQLite driver holds the cache; it is a plugin, invisible to shlibdeps.
set(CPACK_DEBIAN_APP_PACKAGE_DEPENDS "libqt6sql6-sqlite")
set(CPACK_DEBIAN_APP_PACKAGE_RECOMMENDS "qt6-wayland, qt6-translations-l10n")
# A Secret Service for the token; the validators the configuration editor runs.
set(CPACK_DEBIAN_APP_PACKAGE_SUGGESTS "gnome-keyring | kwalletmanager, nginx, php-fpm, docker-compose")
set(CPACK_COMPONENT_APP_DESCRIPTION "desktop console for the admins of a plugin hosting platform
Dockmaster is the desktop console for the admins of a plugin hosting platform
built on GitLab: third-party developers write nginx and PHP plugins and ask
for releases; admins review and approve them in Dockmaster, GitLab CI deploys
them into containers, and Dockmaster shows what runs where: applications,
pending release approvals, tag and deployment history, live container logs,
application health and an editor for each application's configuration.")

set(CPACK_DEBIAN_SANDBOX_PACKAGE_NAME dockmaster-sandbox)
set(CPACK_DEBIAN_SANDBOX_PACKAGE_SECTION admin)
# The same version of the console: its icon, desktop entry and man page.
# git-http-backend serves the emulator's repositories.
set(CPACK_DEBIAN_SANDBOX_PACKAGE_DEPENDS "dockmaster (= ${deb_version}), git, libqt6sql6-sqlite")
# The demo platform's containers (podman), its DNS server (PowerDNS with the
# SQLite backend) and the configuration validators it runs.
set(CPACK_DEBIAN_SANDBOX_PACKAGE_RECOMMENDS "podman, pdns-server, pdns-backend-sqlite3, nginx, php-fpm")
set(CPACK_COMPONENT_SANDBOX_DESCRIPTION "Dockmaster with an embedded demo platform
dockmaster-sandbox --sandbox runs Dockmaster against a complete local
platform: a GitLab emulator (REST API and git over HTTP) seeded with demo
applications, hosts, tags, pipelines and release requests, and where podman
and PowerDNS are installed a private container engine and DNS server. It is
for trying Dockmaster and for demonstrations; it never touches the keychain
or the real profiles.")

# Each package's changelog.Debian.gz and copyright.
string(TIMESTAMP changelog_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
foreach(component app sandbox)
    string(TOUPPER ${component} upper)
    set(package ${CPACK_DEBIAN_${upper}_PACKAGE_NAME})
    set(docdir ${CMAKE_CURRENT_BINARY_DIR}/doc/${package})
    file(MAKE_DIRECTORY ${docdir})
    file(WRITE ${docdir}/changelog.Debian
         "${package} (${deb_version}) unstable; urgency=medium\n\n"
         "  * Built from Dockmaster ${DOCKMASTER_FULL_VERSION}; the changes are in the\n"
         "    project's git history.\n\n"
         " -- ${CPACK_PACKAGE_CONTACT}  ${changelog_date}\n")
    add_custom_command(OUTPUT ${docdir}/changelog.Debian.gz
        COMMAND ${GZIP} -9nc ${docdir}/changelog.Debian > ${docdir}/changelog.Debian.gz
        DEPENDS ${docdir}/changelog.Debian VERBATIM)
    add_custom_target(dockmaster_changelog_${component} ALL DEPENDS ${docdir}/changelog.Debian.gz)
    if(component STREQUAL app OR DOCKMASTER_SANDBOX_APP)
        install(FILES ${docdir}/changelog.Debian.gz ${CMAKE_CURRENT_SOURCE_DIR}/desktop/copyright
                DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${package} COMPONENT ${component})
    endif()
endforeach()

include(CPack)
