# An XFER server written in Java, as an image the conformance suite can grade.
#
# In the project folder, after `mvn package` has made target/server.jar (an
# executable jar):
#   docker build -f java-server.Dockerfile -t xfer-server-bob .
#   java -jar xfer-conformance.jar server --image xfer-server-bob
#
# The suite runs the entrypoint with the reference's arguments,
#   --port P --dir D --idle-timeout S
# (the bundled reference takes them after its "server" word: end ENTRYPOINT with
# "server" to grade xfer.jar itself). The suite limits the container to 1 CPU and
# 512 MiB by default; the JVM sizes its heap from that limit.
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY target/server.jar /app/server.jar
# Java maps file names through the locale: without a UTF-8 one, XFER names break.
ENV LANG=C.UTF-8
ENTRYPOINT ["java", "-jar", "/app/server.jar"]
