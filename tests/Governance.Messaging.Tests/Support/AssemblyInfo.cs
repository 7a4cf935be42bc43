// One test at a time: the broker-outage test stops RabbitMQ under everyone's feet, and the crash
// test's writer process needs the two cores to itself.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
