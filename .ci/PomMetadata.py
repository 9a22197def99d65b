"""Checks the effective POMs of the published modules and the flattened BOM (see .ci/pom-metadata)."""
import sys
import xml.etree.ElementTree as ET

NS = {"m": "http://maven.apache.org/POM/4.0.0"}
# Every element Central requires must be there (none may be missing).
ALLOWED_MISSING = set()
UNPUBLISHED = {"tokenlab-parent", "tokenlab-benchmarks"}
ALLOWED_ABSENT = {}


def text(element, path):
    found = element.find(path, NS)
    return found.text.strip() if found is not None and found.text else ""


def problems_of(project, version):
    artifact = text(project, "m:artifactId")
    required = {
        "name": text(project, "m:name"),
        "description": text(project, "m:description"),
        "url": text(project, "m:url"),
        "licenses": text(project, "m:licenses/m:license/m:name"),
        "scm/connection": text(project, "m:scm/m:connection"),
        "scm/developerConnection": text(project, "m:scm/m:developerConnection"),
        "scm/url": text(project, "m:scm/m:url"),
        "developers": text(project, "m:developers/m:developer/m:name"),
    }
    found = []
    for element, value in required.items():
        if not value and element not in ALLOWED_MISSING:
            found.append(f"{artifact}: no <{element}>")
        elif not value:
            ALLOWED_ABSENT.setdefault(element, set()).add(artifact)
    if text(project, "m:groupId") != "dev.tokenlab" or text(project, "m:version") != version:
        found.append(f"{artifact}: {text(project, 'm:groupId')}:{text(project, 'm:version')}, not dev.tokenlab:{version}")
    return artifact, found


def main(effective_poms, flattened_bom):
    projects = ET.parse(effective_poms).getroot().findall("m:project", NS)
    parent = next(p for p in projects if text(p, "m:artifactId") == "tokenlab-parent")
    version = text(parent, "m:version")
    problems, published = [], []
    for project in projects:
        artifact, found = problems_of(project, version)
        problems += found
        if project is not parent:
            for own in ("name", "description"):
                if text(project, "m:" + own) == text(parent, "m:" + own):
                    problems.append(f"{artifact}: <{own}> is the parent's; each module states its own")
        if artifact not in UNPUBLISHED and artifact != "tokenlab-bom":
            published.append(artifact)
    bom = ET.parse(flattened_bom).getroot()
    problems += problems_of(bom, version)[1]
    if bom.find("m:parent", NS) is not None:
        problems.append("tokenlab-bom: the installed BOM has a parent")
    managed = {}
    for dependency in bom.findall("m:dependencyManagement/m:dependencies/m:dependency", NS):
        managed[text(dependency, "m:groupId") + ":" + text(dependency, "m:artifactId")] = text(dependency, "m:version")
    for key, managed_version in managed.items():
        if not key.startswith("dev.tokenlab:"):
            problems.append(f"tokenlab-bom: manages {key}, which is not Tokenlab's")
        if managed_version not in (version, "${project.version}"):
            problems.append(f"tokenlab-bom: {key} at {managed_version}, not {version}")
    for artifact in published:
        if "dev.tokenlab:" + artifact not in managed:
            problems.append(f"tokenlab-bom: does not manage the published {artifact}")
    for element, artifacts in ALLOWED_ABSENT.items():
        print(f"warning: no <{element}> in {len(artifacts)} POMs ({', '.join(sorted(artifacts))}): allowed until the project declares it")
    for problem in problems:
        print(problem)
    if problems:
        sys.exit(1)
    print(f"{len(published)} published modules and the BOM: metadata complete, version {version}")


main(*sys.argv[1:])
