# An XFER server written in Python, as an image the conformance suite can grade.
#
# In the folder that holds server.py:
#   docker build -f python-server.Dockerfile -t xfer-server-alice .
#   java -jar xfer-conformance.jar server --image xfer-server-alice
#
# The suite runs the entrypoint with the reference's arguments,
#   --port P --dir D --idle-timeout S
# so server.py must take those. The suite runs it as the grader's user (not root),
# so the files below only need to be readable by anyone, as COPY makes them.
FROM python:3.12-slim
WORKDIR /app
COPY server.py .
# XFER names are UTF-8 (the slim images set this already; it does no harm to say it).
ENV LANG=C.UTF-8 PYTHONUNBUFFERED=1
ENTRYPOINT ["python3", "/app/server.py"]
