"""The tool catalogue's maintenance: reading the package registry for releases and licences.

The build never touches the network; ``mlopskg catalogue refresh`` (a maintainer command)
reads the registry and writes a dated finding that the build then loads like any other.
"""
