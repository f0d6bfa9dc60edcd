# An XFER client written in Python, as an image the conformance suite can grade.
#
# In the folder that holds client.py:
#   docker build -f python-client.Dockerfile -t xfer-client-alice .
#   java -jar xfer-conformance.jar client --image xfer-client-alice
#
# The suite starts one container per case and runs the entrypoint with the
# reference's arguments, HOST PORT FILE --timeout S; FILE is a path inside the
# container, in a directory the suite mounts read-only.
FROM python:3.12-slim
WORKDIR /app
COPY client.py .
ENV LANG=C.UTF-8 PYTHONUNBUFFERED=1
ENTRYPOINT ["python3", "/app/client.py"]
